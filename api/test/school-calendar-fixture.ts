/** The suites' school-calendar TEST FIXTURE lives with the seed, which the bench shares: see there. */
export {
  FIXTURE_LOCATION,
  fixtureCalendarCsv,
  missingSchoolCalendar,
  nextSchoolYear,
} from '../src/db/seed/school-calendar-fixture.js';
