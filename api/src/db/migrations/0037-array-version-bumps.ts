import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The change counters' statement triggers (0005) hand their keys over as arrays instead of a
 * JSON document: building and taking apart a JSON object per row cost a batch of 250
 * checkouts about 8 ms of its 750 bookings' insert and again for its cart lines' delete,
 * against 3 ms with arrays (measured in psql on the bench's data). Same counters, same order
 * of locking (keys sorted), same behaviour.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create function bump_household_versions(cids uuid[], hids uuid[]) returns void language sql as $$
  insert into household_versions (collectivity_id, household_id)
  select distinct c, h from unnest(cids, hids) as k(c, h)
  where h is not null
  order by 1, 2
  on conflict (collectivity_id, household_id) do update set version = household_versions.version + 1
$$;

create function bump_activity_day_versions(cids uuid[], aids uuid[], days date[]) returns void language sql as $$
  insert into activity_day_versions (collectivity_id, activity_id, date)
  select distinct c, a, d from unnest(cids, aids, days) as k(c, a, d)
  where c is not null
  order by 1, 2, 3
  on conflict (collectivity_id, activity_id, date) do update set version = activity_day_versions.version + 1
$$;

create or replace function bookings_inserted_versions() returns trigger language plpgsql as $$
begin
  perform bump_household_versions(array_agg(collectivity_id), array_agg(household_id)) from new_rows;
  perform bump_activity_day_versions(array_agg(collectivity_id), array_agg(activity_id), array_agg(date))
    from new_rows where holds_place(status);
  return null;
end
$$;

create or replace function bookings_deleted_versions() returns trigger language plpgsql as $$
begin
  perform bump_household_versions(array_agg(collectivity_id), array_agg(household_id)) from old_rows;
  perform bump_activity_day_versions(array_agg(collectivity_id), array_agg(activity_id), array_agg(date))
    from old_rows where holds_place(status);
  return null;
end
$$;

-- An update moves the household's counter (both households if it changed) and, when a place is
-- taken or given back, moved, or its hold changes, the counters of the days concerned.
create or replace function bookings_updated_versions() returns trigger language plpgsql as $$
begin
  perform bump_household_versions(array_agg(collectivity_id), array_agg(household_id))
    from (select collectivity_id, household_id from old_rows union select collectivity_id, household_id from new_rows) h;
  perform bump_activity_day_versions(array_agg(d.collectivity_id), array_agg(d.activity_id), array_agg(d.date))
    from old_rows o
    join new_rows n on n.collectivity_id = o.collectivity_id and n.id = o.id
    cross join lateral (values (o.collectivity_id, o.activity_id, o.date), (n.collectivity_id, n.activity_id, n.date))
      as d(collectivity_id, activity_id, date)
    where (holds_place(o.status) or holds_place(n.status))
      and (holds_place(o.status) <> holds_place(n.status) or (n.activity_id, n.date) <> (o.activity_id, o.date)
           or n.hold_expires_at is distinct from o.hold_expires_at);
  return null;
end
$$;

create or replace function cart_lines_changed_versions() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform bump_household_versions(array_agg(k.collectivity_id), array_agg(k.household_id))
      from (select distinct collectivity_id, cart_id from new_rows) l join carts k on k.collectivity_id = l.collectivity_id and k.id = l.cart_id;
  elsif tg_op = 'DELETE' then
    perform bump_household_versions(array_agg(k.collectivity_id), array_agg(k.household_id))
      from (select distinct collectivity_id, cart_id from old_rows) l join carts k on k.collectivity_id = l.collectivity_id and k.id = l.cart_id;
  else
    perform bump_household_versions(array_agg(k.collectivity_id), array_agg(k.household_id))
      from (select collectivity_id, cart_id from old_rows union select collectivity_id, cart_id from new_rows) l
      join carts k on k.collectivity_id = l.collectivity_id and k.id = l.cart_id;
  end if;
  return null;
end
$$;
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create or replace function bookings_inserted_versions() returns trigger language plpgsql as $$
begin
  perform bump_household_versions((select jsonb_agg(jsonb_build_object('c', collectivity_id, 'h', household_id)) from new_rows));
  perform bump_activity_day_versions(coalesce((select jsonb_agg(jsonb_build_object('c', collectivity_id, 'a', activity_id, 'd', date))
    from new_rows where holds_place(status)), '[]'));
  return null;
end
$$;

create or replace function bookings_deleted_versions() returns trigger language plpgsql as $$
begin
  perform bump_household_versions((select jsonb_agg(jsonb_build_object('c', collectivity_id, 'h', household_id)) from old_rows));
  perform bump_activity_day_versions(coalesce((select jsonb_agg(jsonb_build_object('c', collectivity_id, 'a', activity_id, 'd', date))
    from old_rows where holds_place(status)), '[]'));
  return null;
end
$$;

create or replace function bookings_updated_versions() returns trigger language plpgsql as $$
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

create or replace function cart_lines_changed_versions() returns trigger language plpgsql as $$
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

drop function bump_activity_day_versions(uuid[], uuid[], date[]);
drop function bump_household_versions(uuid[], uuid[]);
`,
  );
}
