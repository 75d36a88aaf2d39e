/**
 * The demo towns' service rules: booking and cancellation deadlines and the price lists by
 * family-quotient tier (amounts in euro cents).
 */
import type { DeadlineRule } from '../../domain/deadlines.js';
import type { Pricing } from '../../domain/prices.js';

/** Canteen: book or cancel until 10:00 two days before. */
export const CANTEEN_DEADLINE: DeadlineRule = { kind: 'calendar_days', days: 2, time: '10:00' };
/** Childcare: until 18:00 the working day before. */
export const CHILDCARE_DEADLINE: DeadlineRule = { kind: 'working_days', days: 1, time: '18:00' };
/** Leisure centre: book until Thursday noon of the week before. */
export const LEISURE_BOOKING_DEADLINE: DeadlineRule = { kind: 'previous_week', weekday: 4, time: '12:00' };
/** Leisure centre: cancel until noon a week before. */
export const LEISURE_CANCELLATION_DEADLINE: DeadlineRule = { kind: 'calendar_days', days: 7, time: '12:00' };
/** Saint-Exemple's canteen: until 09:00 the day before. */
export const SECOND_TOWN_CANTEEN_DEADLINE: DeadlineRule = { kind: 'calendar_days', days: 1, time: '09:00' };

/** Four quotient tiers (≤ 500, ≤ 800, ≤ 1200, above) and a non-resident rate. */
function byQuotient(amounts: [number, number, number, number], nonResidentAmountCents: number): Pricing {
  const bounds = [500, 800, 1200, null];
  return {
    currency: 'EUR',
    tiers: amounts.map((amountCents, index) => ({ maxQuotient: bounds[index] ?? null, amountCents })),
    nonResidentAmountCents,
  };
}

export const CANTEEN_PRICING: Pricing = byQuotient([100, 220, 340, 460], 590);
export const MORNING_CARE_PRICING: Pricing = byQuotient([60, 110, 160, 210], 260);
export const EVENING_CARE_PRICING: Pricing = byQuotient([90, 160, 230, 300], 360);
export const LEISURE_DAY_PRICING: Pricing = byQuotient([500, 950, 1400, 1850], 2400);

export const SECOND_TOWN_CANTEEN_PRICING: Pricing = {
  currency: 'EUR',
  tiers: [
    { maxQuotient: 600, amountCents: 150 },
    { maxQuotient: 1000, amountCents: 290 },
    { maxQuotient: null, amountCents: 410 },
  ],
  nonResidentAmountCents: 520,
};
