import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * What a child's calendar reads, made cheap to read again:
 * - an index for all of a child's bookings of a range, whatever their status (the unique index
 *   covers only live ones);
 * - change counters, kept by triggers in the transaction of every change: one per household
 *   (its bookings, cart, enrolments, children, quotient) and one per activity-day (places
 *   taken). A calendar computed earlier is still right while its counters have not moved, so
 *   a reload costs two index lookups instead of the whole computation. Derived data: no
 *   foreign keys, so that deleting a household never trips over its own counter.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create index bookings_child_day on bookings (collectivity_id, child_id, date);

create table household_versions (
  collectivity_id uuid not null,
  household_id uuid not null,
  version bigint not null default 1,
  primary key (collectivity_id, household_id)
);

create table activity_day_versions (
  collectivity_id uuid not null,
  activity_id uuid not null,
  date date not null,
  version bigint not null default 1,
  primary key (collectivity_id, activity_id, date)
);

create function bump_household_version(c uuid, h uuid) returns void language sql as $$
  insert into household_versions (collectivity_id, household_id) values (c, h)
  on conflict (collectivity_id, household_id) do update set version = household_versions.version + 1
$$;

create function bump_activity_day_version(c uuid, a uuid, d date) returns void language sql as $$
  insert into activity_day_versions (collectivity_id, activity_id, date) values (c, a, d)
  on conflict (collectivity_id, activity_id, date) do update set version = activity_day_versions.version + 1
$$;

-- The activity-day counter moves only when a place is taken or given back: waiting-list
-- entries would otherwise make every checkout of a full day queue on that counter row.
create function holds_place(status text) returns boolean language sql immutable as $$
  select status in ('booked', 'pending_payment', 'cancel_requested')
$$;

create function bookings_bump_versions() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform bump_household_version(new.collectivity_id, new.household_id);
    if holds_place(new.status) then
      perform bump_activity_day_version(new.collectivity_id, new.activity_id, new.date);
    end if;
    return null;
  end if;
  perform bump_household_version(old.collectivity_id, old.household_id);
  if tg_op = 'DELETE' then
    if holds_place(old.status) then
      perform bump_activity_day_version(old.collectivity_id, old.activity_id, old.date);
    end if;
    return null;
  end if;
  if new.household_id <> old.household_id then
    perform bump_household_version(new.collectivity_id, new.household_id);
  end if;
  if (holds_place(old.status) or holds_place(new.status))
     and (holds_place(old.status) <> holds_place(new.status) or (new.activity_id, new.date) <> (old.activity_id, old.date)
          or new.hold_expires_at is distinct from old.hold_expires_at) then
    perform bump_activity_day_version(old.collectivity_id, old.activity_id, old.date);
    if (new.activity_id, new.date) <> (old.activity_id, old.date) then
      perform bump_activity_day_version(new.collectivity_id, new.activity_id, new.date);
    end if;
  end if;
  return null;
end
$$;
create trigger bookings_versions after insert or update or delete on bookings
  for each row execute function bookings_bump_versions();

create function cart_lines_bump_versions() returns trigger language plpgsql as $$
declare
  line cart_lines;
begin
  line := coalesce(new, old);
  perform bump_household_version(line.collectivity_id,
    (select household_id from carts where collectivity_id = line.collectivity_id and id = line.cart_id));
  return null;
end
$$;
create trigger cart_lines_versions after insert or update or delete on cart_lines
  for each row execute function cart_lines_bump_versions();

create function child_rows_bump_versions() returns trigger language plpgsql as $$
declare
  c uuid;
  h uuid;
begin
  if tg_table_name = 'households' then
    c := coalesce(new.collectivity_id, old.collectivity_id);
    h := coalesce(new.id, old.id);
  elsif tg_table_name = 'children' then
    c := coalesce(new.collectivity_id, old.collectivity_id);
    h := coalesce(new.household_id, old.household_id);
  else
    c := coalesce(new.collectivity_id, old.collectivity_id);
    h := (select household_id from children where collectivity_id = c and id = coalesce(new.child_id, old.child_id));
  end if;
  if h is not null then
    perform bump_household_version(c, h);
  end if;
  return null;
end
$$;
create trigger households_versions after update on households
  for each row execute function child_rows_bump_versions();
create trigger children_versions after insert or update or delete on children
  for each row execute function child_rows_bump_versions();
create trigger enrolments_versions after insert or update or delete on enrolments
  for each row execute function child_rows_bump_versions();
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
drop trigger enrolments_versions on enrolments;
drop trigger children_versions on children;
drop trigger households_versions on households;
drop trigger cart_lines_versions on cart_lines;
drop trigger bookings_versions on bookings;
drop function child_rows_bump_versions();
drop function cart_lines_bump_versions();
drop function bookings_bump_versions();
drop function holds_place(text);
drop function bump_activity_day_version(uuid, uuid, date);
drop function bump_household_version(uuid, uuid);
drop table activity_day_versions;
drop table household_versions;
drop index bookings_child_day;
`,
  );
}
