/**
 * The days the widget tests work on, chosen from the test API's "now" by the API itself: the
 * demo is seeded relative to that instant (FOYER_TEST_NOW), so a hard-coded date would be a
 * holiday, past or out of season on some other day. A family's calendar, as the API answers it
 * (deadlines, school and public holidays, closures, places, the season), says which days a
 * parent can book, which are past their deadline and which are school holidays.
 */
import { type calendar, createClient } from '@foyer/sdk';
import { addDays, type LocalDate, mondayOf } from '../src/shared/dates.js';
import { DEMO, testApi } from './helpers.js';

/** How far ahead the tests look for suitable days: about two school terms. */
const HORIZON_DAYS = 150;
/** How far back the demo seed's history of past school days reaches (HISTORY_REACH_DAYS there). */
const HISTORY_DAYS = 16 * 7;

export interface ChildDays {
  id: string;
  firstName: string;
  /** Every cell of the child's calendar from the Monday four weeks ago to `HORIZON_DAYS` ahead, every activity. */
  cells: calendar.CalendarCell[];
  /** The activities the child is enrolled in, with their service (`REPAS`, `Restauration scolaire`). */
  activities: { id: string; name: string; service: string }[];
}

export interface FamilyDays {
  /** The API's today, in Paris. */
  today: LocalDate;
  children: ChildDays[];
}

/** The API's "today": its clock's instant, as a date in Europe/Paris (the demo towns' zone). */
export async function apiToday(): Promise<LocalDate> {
  const { now } = await testApi();
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return format.format(new Date(now));
}

/**
 * What the API says of a family's days now, read with a client of its own (signed in, then out)
 * so that a test can choose its dates before it mounts the widgets.
 */
export async function familyDays(email: string = DEMO.parent): Promise<FamilyDays> {
  const [{ url }, today] = await Promise.all([testApi(), apiToday()]);
  const client = createClient({ baseUrl: url, collectivity: 'ville-de-demo' });
  await client.auth.login({ email, password: DEMO.password });
  try {
    const { children } = await client.children.list();
    // From a Monday as far back as the seed's history reaches (16 weeks: at the end of August its
    // last school days are in early July), so a week shown from there is whole in the answer.
    const range = { from: mondayOf(addDays(today, -HISTORY_DAYS)), to: addDays(today, HORIZON_DAYS) };
    return {
      today,
      children: await Promise.all(
        children.map(async (child) => {
          const answer = await client.calendar.get(child.id, range);
          return {
            id: child.id,
            firstName: child.firstName,
            cells: answer.cells,
            activities: answer.activities.map((a) => ({ id: a.id, name: a.name, service: a.service.name })),
          };
        }),
      ),
    };
  } finally {
    await client.auth.logout();
  }
}

export function child(family: FamilyDays, firstName: string): ChildDays {
  const found = family.children.find((c) => c.firstName === firstName);
  if (!found) throw new Error(`no child ${firstName} in ${family.children.map((c) => c.firstName).join(', ')}`);
  return found;
}

export function activityOf(of: ChildDays, id: string): ChildDays['activities'][number] {
  const found = of.activities.find((a) => a.id === id);
  if (!found) throw new Error(`${of.firstName} has no activity ${id}`);
  return found;
}

/** The cells of one activity of a child, by date. */
export function cellsOf(of: ChildDays, activityName: string): Map<LocalDate, calendar.CalendarCell> {
  const id = of.activities.find((a) => a.name === activityName)?.id;
  if (!id) throw new Error(`${of.firstName} is not enrolled in ${activityName}`);
  return new Map(of.cells.filter((c) => c.activityId === id).map((c) => [c.date, c]));
}

/** The days a parent can book now for the child (a place, not the waiting list), from today. */
export function bookable(of: ChildDays, activityName: string): Set<LocalDate> {
  return new Set([...cellsOf(of, activityName).values()].filter((c) => c.canBook && !c.waitlist).map((c) => c.date));
}

/** The first day of a set, in date order. */
export function first(days: Iterable<LocalDate>, what: string): LocalDate {
  const sorted = [...days].sort();
  if (sorted[0] === undefined) throw new Error(`the API offers no ${what}`);
  return sorted[0];
}

/** The first Monday from the week of `today` that `accept` likes, within the horizon. */
export function firstMonday(family: FamilyDays, accept: (monday: LocalDate) => boolean, what: string): LocalDate {
  for (let monday = mondayOf(family.today); monday <= addDays(family.today, HORIZON_DAYS - 14); monday = addDays(monday, 7)) {
    if (accept(monday)) return monday;
  }
  throw new Error(`no week from ${family.today} has ${what}`);
}

/** Dates relative to a Monday: `days(monday, 0, 3)` are that Monday and Thursday. */
export function days(monday: LocalDate, ...offsets: number[]): LocalDate[] {
  return offsets.map((offset) => addDays(monday, offset));
}

/** How the widgets write a date for people, in French (or English): "lundi 30 novembre". */
export function spoken(date: LocalDate, options: Intl.DateTimeFormatOptions, locale = 'fr-FR'): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export const dayAndMonth = (date: LocalDate, locale = 'fr-FR') =>
  spoken(date, { weekday: 'long', day: 'numeric', month: 'long' }, locale);

/** "14/12" */
export const dayMonth = (date: LocalDate) => spoken(date, { day: '2-digit', month: '2-digit' });

/** A string matched literally inside a RegExp. */
export function literal(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
