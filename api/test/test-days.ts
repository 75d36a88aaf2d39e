/**
 * The days a test works on, derived from the test clock (`TEST_NOW`, or `FOYER_TEST_NOW`) instead
 * of written as literal dates, so that every suite passes on any date.
 *
 * Which days an activity runs on and until when they can be booked is what the real API says in
 * a child's calendar (opening days, public and school holidays, closures, deadlines, sessions,
 * registration windows): the helpers here ask it, so they follow the rules wherever they live.
 * Pure date arithmetic and the public-holiday rule come from the domain.
 */
import {
  addDays,
  instantAt,
  type LocalDate,
  localDateOf,
  maxDate,
  minDate,
  publicHolidaysOf,
  weekdayOf,
} from '../src/domain/index.js';
import type { TestApp } from './harness.js';

export { addDays, maxDate, minDate, weekdayOf };

const C = '/v1/collectivities/ville-de-demo';
const TIME_ZONE = 'Europe/Paris';
/** The longest range one calendar request answers for (`MAX_RANGE_DAYS`). */
const CHUNK_DAYS = 400;

/** One day × one activity of a child's calendar, as the API sends it. */
export interface DayCell {
  date: LocalDate;
  activityId: string;
  status: string;
  reason: string | null;
  label: string | null;
  attendance: string | null;
  canBook: boolean;
  waitlist: boolean;
  canCancel: boolean;
  canReportAbsence: boolean;
  bookingDeadline: string | null;
  cancellationDeadline: string | null;
  placesLeft: number | null;
  pending: { lineId: string; action: string } | null;
  bookingId: string | null;
}

/** The local date (Paris) of the test app's clock: "today" for the app. */
export function todayOf(t: TestApp): LocalDate {
  return localDateOf(t.clock.now(), TIME_ZONE);
}

/** The instant the Paris wall clock shows `time` (`HH:MM`) on `date`. */
export function parisInstant(date: LocalDate, time: string): string {
  return instantAt(date, time, TIME_ZONE).toISOString();
}

/** `instant` moved by `ms` milliseconds, as an ISO string. */
export function shifted(instant: string | Date, ms: number): string {
  return new Date(new Date(instant).getTime() + ms).toISOString();
}

/** A child's calendar cells for one activity from `from` to `to`, by as many requests as the range needs. */
export async function cellsOf(
  t: TestApp,
  token: string,
  child: string,
  activityId: string,
  from: LocalDate,
  to: LocalDate,
): Promise<DayCell[]> {
  const cells: DayCell[] = [];
  for (let start = from; start <= to; start = addDays(start, CHUNK_DAYS)) {
    const end = addDays(start, CHUNK_DAYS - 1) < to ? addDays(start, CHUNK_DAYS - 1) : to;
    const res = await t.request('GET', `${C}/children/${child}/calendar?from=${start}&to=${end}`, { token });
    if (res.status !== 200) throw new Error(`calendar ${start}…${end}: ${res.status} ${JSON.stringify(res.body)}`);
    cells.push(...(res.body.cells as DayCell[]).filter((c) => c.activityId === activityId));
  }
  return cells;
}

export interface DaySearch {
  /** How many days are wanted (default 1). */
  count?: number;
  /** First date looked at (default: today of the app's clock). */
  from?: LocalDate;
  /** How far ahead of `from` to look, in days (default: 400). */
  within?: number;
}

/**
 * The first `count` days of an activity, from today on, whose calendar cell satisfies `wanted`;
 * throws when the season does not hold that many, so a test never runs on no day at all.
 */
export async function daysWhere(
  t: TestApp,
  token: string,
  child: string,
  activityId: string,
  wanted: (cell: DayCell) => boolean,
  search: DaySearch = {},
): Promise<DayCell[]> {
  const count = search.count ?? 1;
  const found = (await allDaysWhere(t, token, child, activityId, wanted, search)).slice(0, count);
  if (found.length < count) throw new Error(`only ${found.length} of ${count} wanted days of ${activityId}`);
  return found;
}

/** Every day of the searched range whose cell satisfies `wanted`, possibly none. */
export async function allDaysWhere(
  t: TestApp,
  token: string,
  child: string,
  activityId: string,
  wanted: (cell: DayCell) => boolean,
  search: DaySearch = {},
): Promise<DayCell[]> {
  const from = search.from ?? todayOf(t);
  return (await cellsOf(t, token, child, activityId, from, addDays(from, (search.within ?? CHUNK_DAYS) - 1))).filter(wanted);
}

/** A day a parent can book right now: open, not booked, not full, its deadline still ahead. */
export const bookable = (cell: DayCell): boolean =>
  cell.status === 'available' && cell.canBook && !cell.waitlist && cell.pending === null;

/** A booked day the parent can still cancel without asking anyone. */
export const cancellable = (cell: DayCell): boolean => cell.status === 'booked' && cell.canCancel && cell.pending === null;

/** The next `count` bookable days of an activity for a child. */
export async function bookableDays(
  t: TestApp,
  token: string,
  child: string,
  activityId: string,
  search: DaySearch = {},
): Promise<LocalDate[]> {
  return (await daysWhere(t, token, child, activityId, bookable, search)).map((c) => c.date);
}

/**
 * `count` days, all in one week (Monday to Sunday), that every one of `wanted` (a child and an
 * activity) can book now: the first such week from today on, as a parent books "a week of lunches".
 */
export async function bookableWeek(
  t: TestApp,
  token: string,
  wanted: readonly { child: string; activityId: string }[],
  count: number,
  search: DaySearch = {},
): Promise<LocalDate[]> {
  let common: LocalDate[] | null = null;
  for (const { child, activityId } of wanted) {
    const days: LocalDate[] = (await allDaysWhere(t, token, child, activityId, bookable, search)).map((c) => c.date);
    common = common === null ? days : common.filter((date) => days.includes(date));
  }
  const byWeek = new Map<LocalDate, LocalDate[]>();
  for (const date of common ?? []) {
    const monday = addDays(date, 1 - weekdayOf(date));
    byWeek.set(monday, [...(byWeek.get(monday) ?? []), date]);
  }
  const week = [...byWeek.values()].find((dates) => dates.length >= count);
  if (week === undefined) throw new Error(`no week with ${count} days bookable for all of ${JSON.stringify(wanted)}`);
  return week.slice(0, count);
}

/** Public holidays (metropolitan France) from `from` to `to`, with their French names, in date order. */
export function publicHolidaysBetween(from: LocalDate, to: LocalDate): { date: LocalDate; name: string }[] {
  const found: { date: LocalDate; name: string }[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const [date, name] of publicHolidaysOf(year)) if (date >= from && date <= to) found.push({ date, name });
  }
  return found.sort((a, b) => a.date.localeCompare(b.date));
}

/** The season (first and last day) of a seeded activity, as stored. */
export async function seasonOf(t: TestApp, activityId: string): Promise<{ from: LocalDate; to: LocalDate }> {
  const row = await t.deps.db
    .selectFrom('activities')
    .select(['season_from', 'season_to'])
    .where('id', '=', activityId)
    .executeTakeFirstOrThrow();
  return { from: row.season_from, to: row.season_to };
}

/** The sessions of a seeded activity (for the leisure centre: the school holidays it runs in), in date order. */
export async function sessionsOf(
  t: TestApp,
  activityId: string,
): Promise<{ name: string; from: LocalDate; to: LocalDate; opensAt?: string }[]> {
  const row = await t.deps.db.selectFrom('activities').select('sessions').where('id', '=', activityId).executeTakeFirstOrThrow();
  return [...row.sessions].sort((a, b) => a.from.localeCompare(b.from));
}
