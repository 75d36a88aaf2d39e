import { addDays, addMonths, firstOfMonth, lastOfMonth, mondayOf } from '../shared/dates.js';

/**
 * Keyboard moves of the WAI-ARIA grid pattern over calendar cells keyed `activityId|date`.
 * A move answers the cell to focus and, when that cell is outside the days shown, by how many
 * pages (blocks of weeks, months) the calendar must turn first.
 */
export interface GridMove {
  key: string;
  page: number;
}

export const cellKey = (activityId: string, date: string) => `${activityId}|${date}`;

export function splitKey(key: string): { activityId: string; date: string } {
  const [activityId = '', date = ''] = key.split('|');
  return { activityId, date };
}

const HANDLED = new Set(['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

export function isGridKey(event: KeyboardEvent): boolean {
  return HANDLED.has(event.key) && !event.altKey && !event.metaKey;
}

/**
 * The weekly forecast: `rows` are the activity rows of every week in order (`stride` rows per
 * week, one per activity), each with the keys of its weekdays. Left and Right go along the
 * activity's days, from one week to the next; Up and Down go from row to row.
 */
export function weekGridMove(
  rows: string[][],
  stride: number,
  from: string,
  event: KeyboardEvent,
  weeks: number,
): GridMove | null {
  const r = rows.findIndex((row) => row.includes(from));
  if (r < 0) return null;
  const row = rows[r] ?? [];
  const c = row.indexOf(from);
  const at = (ri: number, ci: number) => rows[ri]?.[ci];
  const stay = (key: string | undefined) => (key ? { key, page: 0 } : null);
  const { activityId, date } = splitKey(from);
  switch (event.key) {
    case 'ArrowRight':
      return stay(c < row.length - 1 ? at(r, c + 1) : at(r + stride, 0));
    case 'ArrowLeft':
      return stay(c > 0 ? at(r, c - 1) : at(r - stride, (rows[r - stride]?.length ?? 1) - 1));
    case 'ArrowDown':
      return stay(at(r + 1, c));
    case 'ArrowUp':
      return stay(at(r - 1, c));
    case 'Home':
      return stay(event.ctrlKey ? at(0, 0) : at(r, 0));
    case 'End': {
      if (!event.ctrlKey) return stay(at(r, row.length - 1));
      const last = rows[rows.length - 1] ?? [];
      return stay(last[last.length - 1]);
    }
    case 'PageDown':
      return { key: cellKey(activityId, addDays(date, 7 * weeks)), page: 1 };
    case 'PageUp':
      return { key: cellKey(activityId, addDays(date, -7 * weeks)), page: -1 };
    default:
      return null;
  }
}

/** The month view, as a date picker: days by arrow, weeks by Up and Down, months by PageUp and PageDown. */
export function monthGridMove(from: string, event: KeyboardEvent): GridMove | null {
  const { activityId, date } = splitKey(from);
  let target: string;
  switch (event.key) {
    case 'ArrowRight':
      target = addDays(date, 1);
      break;
    case 'ArrowLeft':
      target = addDays(date, -1);
      break;
    case 'ArrowDown':
      target = addDays(date, 7);
      break;
    case 'ArrowUp':
      target = addDays(date, -7);
      break;
    case 'Home': {
      // The row's first day, or the month's: Home never turns the page.
      const monday = mondayOf(date);
      target = event.ctrlKey || monday < firstOfMonth(date) ? firstOfMonth(date) : monday;
      break;
    }
    case 'End': {
      const sunday = addDays(mondayOf(date), 6);
      target = event.ctrlKey || sunday > lastOfMonth(date) ? lastOfMonth(date) : sunday;
      break;
    }
    case 'PageDown':
    case 'PageUp': {
      const month = addMonths(date, event.key === 'PageDown' ? 1 : -1);
      const day = Math.min(Number(date.slice(8)), Number(lastOfMonth(month).slice(8)));
      target = `${month.slice(0, 8)}${String(day).padStart(2, '0')}`;
      break;
    }
    default:
      return null;
  }
  const months =
    (Number(target.slice(0, 4)) - Number(date.slice(0, 4))) * 12 + Number(target.slice(5, 7)) - Number(date.slice(5, 7));
  return { key: cellKey(activityId, target), page: months };
}
