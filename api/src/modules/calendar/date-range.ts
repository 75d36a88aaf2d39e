import { daysBetween, type LocalDate } from '../../domain/index.js';
import { ApiError } from '../../lib/api-error.js';

/** The longest range a calendar or a bookings list answers for: a school year and some margin. */
export const MAX_RANGE_DAYS = 400;

/**
 * Refuses a query range that ends before it starts or spans more than `MAX_RANGE_DAYS` days
 * (both ends counted), so that one request never costs more than a school year.
 */
export function checkQueryRange(from: LocalDate, to: LocalDate): void {
  if (from > to || daysBetween(from, to) + 1 > MAX_RANGE_DAYS) {
    const message = `must not be before from, and the range must not exceed ${MAX_RANGE_DAYS} days`;
    throw new ApiError(400, 'validation_failed', `query.to: ${message}`, { errors: [{ path: 'query.to', message }] });
  }
}
