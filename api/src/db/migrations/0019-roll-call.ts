import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The roll call: each booking's attendance gets a version (so that two agents marking the same
 * child find out instead of overwriting each other) and who recorded it; a child who came
 * without booking gets a booking flagged `walk_in`, billed at the activity's surcharge when it
 * has one; and each mark a tablet sends is kept under the id the tablet gave it, so that a mark
 * sent twice (offline queue, retried request) is applied once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
alter table bookings add column attendance_version integer not null default 0;
alter table bookings add column attendance_recorded_by uuid references accounts(id) on delete set null;
alter table bookings add column walk_in boolean not null default false;
alter table activities add column walk_in_surcharge_cents integer check (walk_in_surcharge_cents >= 0);

create table attendance_marks (
  collectivity_id uuid not null,
  id uuid not null,
  account_id uuid references accounts(id) on delete set null,
  booking_id uuid not null,
  attendance text not null check (attendance in ('present','absent_justified','absent_unjustified')),
  version integer not null,
  recorded_at timestamptz not null,
  primary key (collectivity_id, id),
  foreign key (collectivity_id, booking_id) references bookings(collectivity_id, id) on delete cascade
);
create index attendance_marks_booking on attendance_marks (collectivity_id, booking_id);
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
drop table attendance_marks;
alter table activities drop column walk_in_surcharge_cents;
alter table bookings drop column walk_in;
alter table bookings drop column attendance_recorded_by;
alter table bookings drop column attendance_version;
`,
  );
}
