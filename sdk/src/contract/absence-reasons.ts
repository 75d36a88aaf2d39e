import * as v from 'valibot';

/**
 * Why a child will be absent, asked when a parent cancels a booked day (the same morning too):
 * ill (a certificate can then justify it, through a request), a family reason, or another one.
 * Stored with the booking; agents see it in the day's list, and billing will use it.
 */
export const ABSENCE_REASONS = ['sick', 'family', 'other'] as const;
export const AbsenceReason = v.picklist(ABSENCE_REASONS);
export type AbsenceReason = v.InferOutput<typeof AbsenceReason>;
