import type { BookingStatus } from './status.js';

/** What an agent's promotion of a waiting child comes to. */
export type PromotionDecision =
  | { outcome: 'promote'; overCapacity: boolean }
  | { outcome: 'not_waitlisted' }
  | { outcome: 'day_full' };

/**
 * Whether an agent may give a place to this waiting child now: only a booking still on the
 * waiting list, into a free place, or over the
 * capacity when the agent said so knowingly. Out of the list's order is allowed: the agent
 * knows why (a sibling already there, a family in difficulty).
 *
 * @example decidePromotion({ status: 'waitlisted', capacity: 20, taken: 20, overCapacity: false }) // { outcome: 'day_full' }
 */
export function decidePromotion(input: {
  status: BookingStatus;
  capacity: number | null;
  taken: number;
  overCapacity: boolean;
}): PromotionDecision {
  if (input.status !== 'waitlisted') return { outcome: 'not_waitlisted' };
  const full = input.capacity !== null && input.taken >= input.capacity;
  if (full && !input.overCapacity) return { outcome: 'day_full' };
  return { outcome: 'promote', overCapacity: full };
}
