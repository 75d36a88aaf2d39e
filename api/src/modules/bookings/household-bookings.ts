import type { bookings } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import type { BookingStatus } from '../../db/schema.js';
import type { LocalDate } from '../../domain/index.js';
import { notFound } from '../../lib/api-error.js';

export interface BookingsFilter {
  from: LocalDate;
  to: LocalDate;
  childId?: string | undefined;
  status?: BookingStatus | undefined;
}

/**
 * A household's bookings over a range, by date, child and activity. A payment hold that has
 * run out is shown (and filtered) as `expired` even before the sweeper records it, as the
 * calendar does. 404 when `childId` is not one of the household's children.
 */
export async function householdBookings(
  db: Db,
  scope: { collectivityId: string; householdId: string },
  filter: BookingsFilter,
  now: Date,
): Promise<bookings.Booking[]> {
  const cid = scope.collectivityId;
  if (filter.childId) {
    await db
      .selectFrom('children')
      .select('id')
      .where('collectivity_id', '=', cid)
      .where('household_id', '=', scope.householdId)
      .where('id', '=', filter.childId)
      .executeTakeFirstOrThrow(() => notFound('child'));
  }
  let query = db
    .selectFrom('bookings as b')
    .innerJoin('children as ch', (j) => j.onRef('ch.collectivity_id', '=', 'b.collectivity_id').onRef('ch.id', '=', 'b.child_id'))
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'b.collectivity_id').onRef('a.id', '=', 'b.activity_id'),
    )
    .select([
      'b.id',
      'b.child_id',
      'b.activity_id',
      'b.date',
      'b.status',
      'b.price_cents',
      'b.payment_id',
      'b.hold_expires_at',
      'b.attendance',
      'b.absence_reason',
      'b.updated_at',
    ])
    .where('b.collectivity_id', '=', cid)
    .where('b.household_id', '=', scope.householdId)
    .where('b.date', '>=', filter.from)
    .where('b.date', '<=', filter.to);
  if (filter.childId) query = query.where('b.child_id', '=', filter.childId);
  const { status } = filter;
  if (status === 'pending_payment') {
    query = query
      .where('b.status', '=', 'pending_payment')
      .where((eb) => eb.or([eb('b.hold_expires_at', 'is', null), eb('b.hold_expires_at', '>', now)]));
  } else if (status === 'expired') {
    query = query.where((eb) =>
      eb.or([
        eb('b.status', '=', 'expired'),
        eb.and([eb('b.status', '=', 'pending_payment'), eb('b.hold_expires_at', '<=', now)]),
      ]),
    );
  } else if (status) query = query.where('b.status', '=', status);
  const rows = await query
    .orderBy('b.date')
    .orderBy('ch.birth_date')
    .orderBy('ch.id')
    .orderBy('a.position')
    .orderBy('b.created_at')
    .execute();
  return rows.map((b) => {
    const holdExpiresAt = b.hold_expires_at === null ? null : new Date(b.hold_expires_at);
    const expired = b.status === 'pending_payment' && holdExpiresAt !== null && holdExpiresAt <= now;
    return {
      id: b.id,
      childId: b.child_id,
      activityId: b.activity_id,
      date: b.date,
      status: expired ? 'expired' : b.status,
      priceCents: b.price_cents,
      paymentId: b.payment_id,
      holdExpiresAt: holdExpiresAt?.toISOString() ?? null,
      attendance: b.attendance,
      absenceReason: b.absence_reason,
      updatedAt: new Date(b.updated_at).toISOString(),
    };
  });
}
