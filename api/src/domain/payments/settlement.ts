/**
 * What a verified provider notice does to one payment: the whole decision of settling, with no
 * I/O, so that the demo provider's signed notices and PayFiP's confirmed lookups follow one rule.
 */

export type SettledStatus = 'paid' | 'refused' | 'refunded' | 'held' | 'abandoned';

/** The payment as stored when the notice arrives. */
export interface PaymentState {
  status: 'pending' | 'paid' | 'refused' | 'expired' | 'refunded' | 'held' | 'abandoned';
  amountCents: number;
  expiresAt: Date;
}

/** What the provider says, once verified (its lookup's amount, when it gives one). */
export interface ProviderNotice {
  outcome: 'paid' | 'refused' | 'abandoned';
  amountCents?: number;
}

/** The change to write, or `null` when the notice changes nothing (already final, replayed). */
export interface Settlement {
  status: SettledStatus;
  /** What happens to the days held for the payment. */
  holds: 'book' | 'release_refused' | 'release_expired' | 'keep';
  /** Give the money back through the provider. */
  refund: boolean;
  /** Why an agent must decide (`held` only). */
  heldReason: 'amount_mismatch' | 'paid_late' | 'paid_when_closed' | null;
  /** The amount the provider confirmed, recorded when it is not the one asked. */
  confirmedCents: number | null;
  /** The money arrived (`paid_at` is set), refunded or held or not. */
  moneyArrived: boolean;
}

/**
 * Decides a notice. A payment reaches a final status once: whatever arrives after (a provider's
 * retry, a replayed or forged copy) changes nothing.
 *
 * - refused or abandoned while pending: closed, its held days released for the waiting lists;
 * - paid while pending and in time, for the amount asked: paid, its held days booked;
 * - paid for another amount: held for an agent, nothing booked and no invoice settled;
 * - paid after the deadline (the places may be gone): refunded when the provider can, else
 *   held for an agent; its held days expire either way;
 * - paid after it was refused or abandoned (the payer paid on another attempt, such as a second
 *   PayFiP operation of the same payment): money nobody expects, held for an agent.
 *
 * @example
 * ```ts
 * decideSettlement({ status: 'pending', amountCents: 1200, expiresAt }, { outcome: 'paid', amountCents: 1000 }, now, false);
 * // → { status: 'held', heldReason: 'amount_mismatch', confirmedCents: 1000, holds: 'keep', … }
 * ```
 */
export function decideSettlement(
  payment: PaymentState,
  notice: ProviderNotice,
  now: Date,
  providerRefunds: boolean,
): Settlement | null {
  const open = payment.status === 'pending';
  const confirmed = notice.amountCents ?? payment.amountCents;
  const confirmedCents = confirmed === payment.amountCents ? null : confirmed;
  if (open && notice.outcome !== 'paid') {
    const status = notice.outcome === 'abandoned' ? 'abandoned' : 'refused';
    return { status, holds: 'release_refused', refund: false, heldReason: null, confirmedCents: null, moneyArrived: false };
  }
  if (notice.outcome !== 'paid') return null;
  const inTime = payment.expiresAt > now;
  if (open && inTime) {
    if (confirmedCents !== null) {
      return { status: 'held', holds: 'keep', refund: false, heldReason: 'amount_mismatch', confirmedCents, moneyArrived: true };
    }
    return { status: 'paid', holds: 'book', refund: false, heldReason: null, confirmedCents: null, moneyArrived: true };
  }
  if (open || payment.status === 'expired') {
    const holds = open ? 'release_expired' : 'keep';
    // A refund gives back what was taken, so it needs the amount to be the one asked.
    if (providerRefunds && confirmedCents === null) {
      return { status: 'refunded', holds, refund: true, heldReason: null, confirmedCents: null, moneyArrived: true };
    }
    return { status: 'held', holds, refund: false, heldReason: 'paid_late', confirmedCents, moneyArrived: true };
  }
  if (payment.status === 'refused' || payment.status === 'abandoned') {
    return { status: 'held', holds: 'keep', refund: false, heldReason: 'paid_when_closed', confirmedCents, moneyArrived: true };
  }
  return null;
}
