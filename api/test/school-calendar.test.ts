import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, schoolYearOf, schoolYearRange } from '../src/domain/index.js';
import { createLogger } from '../src/lib/logger.js';
import { readSchoolCalendarFile } from '../src/modules/school-calendar/dataset.js';
import { importSchoolCalendar, loadSchoolCalendar } from '../src/modules/school-calendar/store.js';
import { schoolCalendarWarnings, warnAboutSchoolCalendars } from '../src/modules/school-calendar/warnings.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { fixtureCalendarCsv, nextSchoolYear } from './school-calendar-fixture.js';
import { TEST_TODAY } from './test-database.js';

const C = '/v1/collectivities/ville-de-demo';
let t: TestApp;
let family: DemoFamily;
let parent: string;

/** A school year no shipped snapshot nor test fixture has: three years after today's. */
const future = nextSchoolYear(nextSchoolYear(nextSchoolYear(schoolYearOf(TEST_TODAY))));
const futureRange = schoolYearRange(future);

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  parent = (await t.login(DEMO.parent)).accessToken;
  // Every year up to the future one is known (fixture), so that only the future one is missing.
  const between: string[] = [];
  for (let year = nextSchoolYear(schoolYearOf(TEST_TODAY)); year < future; year = nextSchoolYear(year)) between.push(year);
  await importSchoolCalendar(t.deps.db, readSchoolCalendarFile(fixtureCalendarCsv(between)), 'TEST FIXTURE', {
    onlyMissing: true,
  });
  // The town opens its canteen (and Alvaro's enrolment) up to the end of that future year.
  await t.deps.db
    .updateTable('activities')
    .set({ season_to: futureRange.to })
    .where('collectivity_id', '=', family.collectivityId)
    .where('id', '=', family.activity.canteenFerry)
    .execute();
  await t.deps.db
    .updateTable('enrolments')
    .set({ to_date: futureRange.to })
    .where('collectivity_id', '=', family.collectivityId)
    .where('child_id', '=', family.alvaro)
    .where('activity_id', '=', family.activity.canteenFerry)
    .execute();
});
afterAll(() => t.close());

interface Cell {
  date: string;
  activityId: string;
  status: string;
  reason: string | null;
  label: string | null;
  canBook: boolean;
}

/** The canteen's cells of Alvaro's calendar in the future year's autumn, by date. */
async function autumnCells(): Promise<Map<string, Cell>> {
  const from = `${future.slice(0, 4)}-10-01`;
  const to = `${future.slice(0, 4)}-11-30`;
  const res = await t.request('GET', `${C}/children/${family.alvaro}/calendar?from=${from}&to=${to}`, { token: parent });
  expect(res.status).toBe(200);
  const cells = (res.body.cells as Cell[]).filter((c) => c.activityId === family.activity.canteenFerry);
  return new Map(cells.map((c) => [c.date, c]));
}

/** Monday to Friday but Wednesday, the canteen's weekdays. */
const canteenDay = (date: string) => ![0, 3, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());

describe('a school year nobody imported', () => {
  it('closes the canteen with calendar_unknown, never bookable, and names the reason when asked to book', async () => {
    const cells = await autumnCells();
    const schoolDays = [...cells.values()].filter((c) => canteenDay(c.date) && c.reason !== 'public_holiday');
    expect(schoolDays.length).toBeGreaterThan(30);
    for (const cell of schoolDays) {
      expect(cell).toMatchObject({ reason: 'calendar_unknown', canBook: false });
    }
    const date = schoolDays[0]?.date ?? '';
    const res = await t.request('POST', `${C}/cart/lines`, {
      token: parent,
      body: { lines: [{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', dates: [date] }] },
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain("calendrier scolaire n'est pas encore connu");
  });

  it('is announced a year ahead, in the logs, naming the town, the zone and the first unknown day', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const warnings = await warnAboutSchoolCalendars(t.deps.db, addDays(futureRange.from, -300), createLogger('info', sink));
    const demo = warnings.find((w) => w.collectivity === 'ville-de-demo');
    expect(demo).toMatchObject({ zone: 'C', firstUnknownDate: futureRange.from });
    const logged = lines.map((line) => JSON.parse(line)).find((l) => l.schoolCalendar?.collectivity === 'ville-de-demo');
    expect(logged.level).toBe(40);
    expect(logged.msg).toContain(`school calendar of zone C runs out for ville-de-demo`);
    expect(logged.msg).toContain('npx foyer school-calendar import');
    // More than a year before, nothing yet.
    const early = await schoolCalendarWarnings(t.deps.db, addDays(futureRange.from, -400));
    expect(early.find((w) => w.collectivity === 'ville-de-demo' && w.firstUnknownDate === futureRange.from)).toBeUndefined();
  });
});

describe('importing a newer school calendar', () => {
  it('closes the canteen on its holidays at once, and opens its school days', async () => {
    const file = readSchoolCalendarFile(fixtureCalendarCsv([future], ['Zone C']));
    expect(file.problems).toEqual([]);
    const outcome = await importSchoolCalendar(t.deps.db, file, 'test file');
    expect(outcome.written).toEqual([{ zone: 'C', schoolYears: [future], periods: 6 }]);
    const toussaint = (await loadSchoolCalendar(t.deps.db, 'C')).periods.find(
      (p) => p.schoolYear === future && p.name === 'Vacances de la Toussaint',
    );
    if (toussaint === undefined) throw new Error('Toussaint not imported');

    const cells = await autumnCells();
    const holiday = [...cells.values()].filter((c) => c.date >= toussaint.from && c.date <= toussaint.to && canteenDay(c.date));
    expect(holiday.length).toBeGreaterThan(5);
    for (const cell of holiday) {
      if (cell.reason === 'public_holiday') continue;
      expect(cell).toMatchObject({ reason: 'school_holiday', label: 'Vacances de la Toussaint', canBook: false });
    }
    const after = [...cells.values()].filter((c) => c.date > toussaint.to && canteenDay(c.date) && c.reason !== 'public_holiday');
    expect(after.length).toBeGreaterThan(5);
    for (const cell of after) expect(cell.reason).not.toBe('calendar_unknown');
    expect(after.some((c) => c.canBook)).toBe(true);
  });

  it('replaces the same year on a second import instead of adding to it, and leaves other years alone', async () => {
    const before = await loadSchoolCalendar(t.deps.db, 'C');
    const file = readSchoolCalendarFile(fixtureCalendarCsv([future], ['Zone C']));
    await importSchoolCalendar(t.deps.db, file, 'test file again');
    expect(await loadSchoolCalendar(t.deps.db, 'C')).toEqual(before);
  });
});
