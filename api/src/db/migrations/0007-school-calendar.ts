import type { Kysely } from 'kysely';
import { SCHOOL_ZONES } from '../../domain/school-holidays.js';
import { executeScript } from '../execute-script.js';

const ZONES = SCHOOL_ZONES.map((z) => `'${z}'`).join(',');

/**
 * School holidays become data: one global table of periods per zone and school year, and the
 * school years each zone has (what the calendar covers). The zone of a collectivity widens from
 * A/B/C to Corsica and the overseas académies; existing values stay valid. The shipped snapshot
 * is loaded after the migrations (`migrate.ts`), not here, so that a newer snapshot in a later
 * release fills the years a database lacks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
alter table collectivities drop constraint if exists collectivities_school_holiday_zone_check;
alter table collectivities alter column school_holiday_zone type text;
alter table collectivities add constraint collectivities_school_holiday_zone_check check (school_holiday_zone in (${ZONES}));

create table school_calendar_years (
  zone text not null check (zone in (${ZONES})),
  school_year text not null check (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
  -- Where the periods came from: the shipped snapshot or the file an operator imported.
  source text not null,
  primary key (zone, school_year)
);

create table school_holidays (
  zone text not null,
  school_year text not null,
  name text not null,
  from_date date not null,
  to_date date not null,
  primary key (zone, school_year, from_date, name),
  foreign key (zone, school_year) references school_calendar_years (zone, school_year) on delete cascade,
  check (to_date >= from_date)
);
create index school_holidays_zone_dates on school_holidays (zone, to_date, from_date);
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
drop table school_holidays;
drop table school_calendar_years;
alter table collectivities drop constraint collectivities_school_holiday_zone_check;
alter table collectivities alter column school_holiday_zone type char(1);
alter table collectivities add constraint collectivities_school_holiday_zone_check check (school_holiday_zone in ('A','B','C'));
`,
  );
}
