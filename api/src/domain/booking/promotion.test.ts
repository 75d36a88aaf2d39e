import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decidePromotion } from './promotion.js';
import type { BookingStatus } from './status.js';

const STATUSES: BookingStatus[] = [
  'booked',
  'pending_payment',
  'waitlisted',
  'cancel_requested',
  'cancelled',
  'expired',
  'refused',
];

describe('decidePromotion', () => {
  it('promotes a waiting child into a free place, and never one that is not waiting', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATUSES),
        fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
        fc.integer({ min: 0, max: 60 }),
        fc.boolean(),
        (status, capacity, taken, overCapacity) => {
          const decision = decidePromotion({ status, capacity, taken, overCapacity });
          const free = capacity === null || taken < capacity;
          if (status !== 'waitlisted') expect(decision.outcome).toBe('not_waitlisted');
          else if (free) expect(decision).toEqual({ outcome: 'promote', overCapacity: false });
          else expect(decision).toEqual(overCapacity ? { outcome: 'promote', overCapacity: true } : { outcome: 'day_full' });
        },
      ),
    );
  });
});
