/**
 * Conversions between instants and a collectivity's wall clock, from the IANA time zone
 * database through `Intl.DateTimeFormat` (no dependency). Deadlines are stated in local time
 * ("la veille à 10:00") and must hold across daylight-saving changes, in mainland France
 * (`Europe/Paris`) as in the overseas departments (`America/Cayenne`, `Indian/Reunion`…).
 *
 * A wall clock is handled as "milliseconds since 1970-01-01T00:00 of that clock": the
 * instant it would be if the zone were UTC. Offset = wall clock − instant.
 */
import { epochDayFromParts, fromEpochDay, type LocalDate, partsOf } from './local-date.js';
import { minutesOfDay, type TimeOfDay, timeOfDayFromMinutes } from './time-of-day.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** One formatter per time zone: creating one costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of `timeZone` at `instantMs`, as milliseconds of a UTC-like clock. */
function wallClockAt(instantMs: number, timeZone: string): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        // Some ICU versions print midnight as 24 even with h23.
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  const milliseconds = ((instantMs % 1000) + 1000) % 1000;
  return epochDayFromParts(year, month, day) * DAY + ((hour * 60 + minute) * 60 + second) * 1000 + milliseconds;
}

function offsetAt(instantMs: number, timeZone: string): number {
  return wallClockAt(instantMs, timeZone) - instantMs;
}

/** Resolves a wall clock to an instant: the earlier one when it occurs twice, the end of the gap when it never occurs. */
function resolveWallClock(wall: number, timeZone: string): number {
  // Offsets a day away bracket any transition near `wall` (no zone's offset reaches ±24 h).
  const offsetBefore = offsetAt(wall - DAY, timeZone);
  const offsetAfter = offsetAt(wall + DAY, timeZone);
  const candidates = offsetBefore === offsetAfter ? [wall - offsetBefore] : [wall - offsetBefore, wall - offsetAfter];
  let earliest = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate < earliest && wallClockAt(candidate, timeZone) === wall) earliest = candidate;
  }
  if (earliest !== Number.POSITIVE_INFINITY) return earliest;
  // In a spring-forward gap: the clock jumps over `wall`. Find the jump, the first instant whose
  // wall clock is at or past `wall`, between the two candidates (before it / after it).
  let low = Math.min(wall - offsetBefore, wall - offsetAfter);
  let high = Math.max(wall - offsetBefore, wall - offsetAfter);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wallClockAt(middle, timeZone) >= wall) high = middle;
    else low = middle;
  }
  return high;
}

/** Resolved instants by time zone and wall clock: a school year's deadlines repeat across requests. */
const resolved = new Map<string, Map<number, number>>();
const RESOLVED_LIMIT_PER_ZONE = 50_000;

/**
 * The instant when the wall clock of `timeZone` shows `date` at `time`.
 *
 * Daylight saving: a time skipped by the spring-forward change maps to the first instant after
 * the gap (02:30 on 2026-03-29 in Europe/Paris → 03:00 CEST = 01:00Z); a time that occurs twice
 * in the autumn maps to its first occurrence (02:30 on 2026-10-25 → 02:30 CEST = 00:30Z).
 * Throws a `RangeError` for an unknown time zone, a malformed date or time.
 *
 * @example instantAt('2026-07-18', '10:00', 'Europe/Paris').toISOString() // '2026-07-18T08:00:00.000Z'
 */
export function instantAt(date: LocalDate, time: TimeOfDay, timeZone: string): Date {
  const { year, month, day } = partsOf(date);
  const wall = epochDayFromParts(year, month, day) * DAY + minutesOfDay(time) * MINUTE;
  let byWall = resolved.get(timeZone);
  if (byWall === undefined) {
    formatterFor(timeZone);
    byWall = new Map();
    resolved.set(timeZone, byWall);
  }
  let instantMs = byWall.get(wall);
  if (instantMs === undefined) {
    instantMs = resolveWallClock(wall, timeZone);
    if (byWall.size >= RESOLVED_LIMIT_PER_ZONE) byWall.clear();
    byWall.set(wall, instantMs);
  }
  return new Date(instantMs);
}

/** The local date in `timeZone` at `instant`: "today" for the collectivity. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return fromEpochDay(Math.floor(wallClockAt(instant.getTime(), timeZone) / DAY));
}

/** The wall-clock `HH:MM` in `timeZone` at `instant`, seconds dropped (10:00:59 reads 10:00). */
export function localTimeOf(instant: Date, timeZone: string): TimeOfDay {
  const wall = wallClockAt(instant.getTime(), timeZone);
  return timeOfDayFromMinutes(Math.floor((wall - Math.floor(wall / DAY) * DAY) / MINUTE));
}

/** True when `timeZone` is an IANA name this runtime knows, so configuration can be refused early. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
