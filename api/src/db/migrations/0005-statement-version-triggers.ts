import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The change counters of bookings and cart lines (migration 0003), bumped once per statement
 * instead of once per row: a batch of checkouts inserts hundreds of bookings and deletes
 * hundreds of cart lines in one statement each, and per-row triggers made those statements
 * cost more than everything else of the checkout. A counter moves once per statement and key,
 * which is all a reader compares (equal counters, equal rows). Keys are upserted in sorted
 * order, so two statements never lock the same counters in opposite orders.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
drop trigger bookings_versions on bookings;
drop function bookings_bump_versions();
drop trigger cart_lines_versions on cart_lines;
drop function cart_lines_bump_versions();

create function bump_household_versions(keys jsonb) returns void language sql as $$
  insert into household_versions (collectivity_id, household_id)
  select distinct (k->>'c')::uuid, (k->>'h')::uuid from jsonb_array_elements(keys) k
  where k->>'h' is not null
  order by 1, 2
  on conflict (collectivity_id, household_id) do update set version = household_versions.version + 1
$$;

create function bump_activity_day_versions(keys jsonb) returns void language sql as $$
  insert into activity_day_versions (collectivity_id, activity_id, date)
  select distinct (k->>'c')::uuid, (k->>'a')::uuid, (k->>'d')::date from jsonb_array_elements(keys) k
  order by 1, 2, 3
  on conflict (collectivity_id, activity_id, date) do update set version = activity_day_versions.version + 1
$$;

create function bookings_inserted_versions() returns trigger language plpgsql as $$
begin
  perform bump_household_versions((select jsonb_agg(jsonb_build_object('c', collectivity_id, 'h', household_id)) from new_rows));
  perform bump_activity_day_versions(coalesce((select jsonb_agg(jsonb_build_object('c', collectivity_id, 'a', activity_id, 'd', date))
    from new_rows where holds_place(status)), '[]'));
  return null;
end
$$;
create trigger bookings_inserted_versions after insert on bookings
  referencing new table as new_rows for each statement execute function bookings_inserted_versions();

create function bookings_deleted_versions() returns trigger language plpgsql as $$
begin
  perform bump_household_versions((select jsonb_agg(jsonb_build_object('c', collectivity_id, 'h', household_id)) from old_rows));
  perform bump_activity_day_versions(coalesce((select jsonb_agg(jsonb_build_object('c', collectivity_id, 'a', activity_id, 'd', date))
    from old_rows where holds_place(status)), '[]'));
  return null;
end
$$;
create trigger bookings_deleted_versions after delete on bookings
  referencing old table as old_rows for each statement execute function bookings_deleted_versions();

-- An update moves the household's counter (both households if it changed) and, when a place is
-- taken or given back, moved, or its hold changes, the counters of the days concerned.
create function bookings_updated_versions() returns trigger language plpgsql as $$
begin
  perform bump_household_versions((select jsonb_agg(jsonb_build_object('c', collectivity_id, 'h', household_id))
    from (select collectivity_id, household_id from old_rows union select collectivity_id, household_id from new_rows) h));
  perform bump_activity_day_versions(coalesce((select jsonb_agg(jsonb_build_object('c', d.collectivity_id, 'a', d.activity_id, 'd', d.date))
    from old_rows o
    join new_rows n on n.collectivity_id = o.collectivity_id and n.id = o.id
    cross join lateral (values (o.collectivity_id, o.activity_id, o.date), (n.collectivity_id, n.activity_id, n.date))
      as d(collectivity_id, activity_id, date)
    where (holds_place(o.status) or holds_place(n.status))
      and (holds_place(o.status) <> holds_place(n.status) or (n.activity_id, n.date) <> (o.activity_id, o.date)
           or n.hold_expires_at is distinct from o.hold_expires_at)), '[]'));
  return null;
end
$$;
create trigger bookings_updated_versions after update on bookings
  referencing old table as old_rows new table as new_rows for each statement execute function bookings_updated_versions();

create function cart_lines_changed_versions() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform bump_household_versions((select jsonb_agg(jsonb_build_object('c', k.collectivity_id, 'h', k.household_id))
      from (select distinct collectivity_id, cart_id from new_rows) l join carts k on k.collectivity_id = l.collectivity_id and k.id = l.cart_id));
  elsif tg_op = 'DELETE' then
    perform bump_household_versions((select jsonb_agg(jsonb_build_object('c', k.collectivity_id, 'h', k.household_id))
      from (select distinct collectivity_id, cart_id from old_rows) l join carts k on k.collectivity_id = l.collectivity_id and k.id = l.cart_id));
  else
    perform bump_household_versions((select jsonb_agg(jsonb_build_object('c', k.collectivity_id, 'h', k.household_id))
      from (select collectivity_id, cart_id from old_rows union select collectivity_id, cart_id from new_rows) l
      join carts k on k.collectivity_id = l.collectivity_id and k.id = l.cart_id));
  end if;
  return null;
end
$$;
create trigger cart_lines_inserted_versions after insert on cart_lines
  referencing new table as new_rows for each statement execute function cart_lines_changed_versions();
create trigger cart_lines_deleted_versions after delete on cart_lines
  referencing old table as old_rows for each statement execute function cart_lines_changed_versions();
create trigger cart_lines_updated_versions after update on cart_lines
  referencing old table as old_rows new table as new_rows for each statement execute function cart_lines_changed_versions();
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
drop trigger cart_lines_updated_versions on cart_lines;
drop trigger cart_lines_deleted_versions on cart_lines;
drop trigger cart_lines_inserted_versions on cart_lines;
drop function cart_lines_changed_versions();
drop trigger bookings_updated_versions on bookings;
drop function bookings_updated_versions();
drop trigger bookings_deleted_versions on bookings;
drop function bookings_deleted_versions();
drop trigger bookings_inserted_versions on bookings;
drop function bookings_inserted_versions();
drop function bump_activity_day_versions(jsonb);
drop function bump_household_versions(jsonb);

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
`,
  );
}
