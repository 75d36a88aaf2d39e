/**
 * Wall-clock times of day, `HH:MM` on 24 hours, as agents type them for deadlines
 * ("la veille à 10:00"). Seconds are deliberately absent: no rule needs them.
 */

/** A wall-clock time `HH:MM`, from `00:00` to `23:59`. */
export type TimeOfDay = string;

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for `HH:MM` between `00:00` and `23:59` (two digits each, no `24:00`). */
export function isTimeOfDay(value: unknown): value is TimeOfDay {
  return typeof value === 'string' && TIME_OF_DAY.test(value);
}

/** Minutes since midnight of a time of day (`'10:30'` → 630); throws a `RangeError` on a malformed time. */
export function minutesOfDay(time: TimeOfDay): number {
  const match = TIME_OF_DAY.exec(time);
  if (match === null) throw new RangeError(`Not a time of day (HH:MM): ${JSON.stringify(time)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The `HH:MM` of a number of minutes since midnight (0–1439). */
export function timeOfDayFromMinutes(minutes: number): TimeOfDay {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 24 * 60) {
    throw new RangeError(`Minutes since midnight must be an integer in 0–1439: ${minutes}`);
  }
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
