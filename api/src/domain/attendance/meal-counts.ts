/**
 * The kitchen's meal counts: meals per site and day, split by the town's diet groups, and the
 * instant after which a day's count can no longer change. Pure.
 */
import { type DeadlineContext, type DeadlineRule, deadlineFor } from '../deadlines.js';
import type { LocalDate } from '../local-date.js';

/** One expected meal: a child booked at a site on a day, with the child's diet group. */
export interface ExpectedMeal {
  siteId: string;
  date: LocalDate;
  dietGroupId: string | null;
}

/** A site's meals on a day: the total and how many per diet group (`null`: no group). */
export interface MealCount {
  siteId: string;
  date: LocalDate;
  total: number;
  byGroup: Map<string | null, number>;
}

/** Counts the meals per site and day, then per diet group. */
export function tallyMeals(meals: readonly ExpectedMeal[]): MealCount[] {
  const counts = new Map<string, MealCount>();
  for (const meal of meals) {
    const key = `${meal.siteId}|${meal.date}`;
    let count = counts.get(key);
    if (!count) {
      count = { siteId: meal.siteId, date: meal.date, total: 0, byGroup: new Map() };
      counts.set(key, count);
    }
    count.total += 1;
    count.byGroup.set(meal.dietGroupId, (count.byGroup.get(meal.dietGroupId) ?? 0) + 1);
  }
  return [...counts.values()];
}

/**
 * When a day's count becomes final: once neither a booking nor an absence reported in time can
 * change it, i.e. the later of the booking and cancellation deadlines (an absence reported after
 * that is a late one: the meal stays counted).
 */
export function countFinalAt(date: LocalDate, rules: readonly DeadlineRule[], context: DeadlineContext): Date {
  let latest = new Date(0);
  for (const rule of rules) {
    const at = deadlineFor(date, rule, context);
    if (at > latest) latest = at;
  }
  return latest;
}
