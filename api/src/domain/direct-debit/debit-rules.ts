import { addDays, type LocalDate } from '../local-date.js';

/** `FRST` for the first collection under a mandate, `RCUR` for the next ones (SDD Core). */
export type SequenceType = 'FRST' | 'RCUR';

/**
 * The sequence type of a collection, from the number of batches that already collected under
 * the same mandate: none → `FRST`, some → `RCUR`. Every collection of a mandate's first batch is
 * `FRST`, so that a bank never sees a recurrent one before the first.
 */
export function sequenceTypeFor(earlierBatches: number): SequenceType {
  return earlierBatches === 0 ? 'FRST' : 'RCUR';
}

/** How far ahead a collection date may be asked, in days: banks take files up to a year ahead at most. */
export const LONGEST_COLLECTION_LEAD_DAYS = 365;

/** Why a collection date cannot be asked today. */
export type CollectionDateProblem = 'not_after_today' | 'too_far';

/**
 * A collection date must be after today (in the collectivity's time zone): the bank needs the
 * file before the day it debits. A date more than a year ahead is a typing mistake.
 */
export function collectionDateProblem(collectionDate: LocalDate, today: LocalDate): CollectionDateProblem | undefined {
  if (collectionDate <= today) return 'not_after_today';
  if (collectionDate > addDays(today, LONGEST_COLLECTION_LEAD_DAYS)) return 'too_far';
  return undefined;
}

/**
 * Whether a mandate may carry a collection on `collectionDate`: signed by then, and not
 * revoked (a revoked mandate never collects again, whatever the date).
 */
export function mandateCollects(mandate: { signedOn: LocalDate; revoked: boolean }, collectionDate: LocalDate): boolean {
  return !mandate.revoked && mandate.signedOn <= collectionDate;
}
