import type { adminRollCall, EndpointInput, EndpointOutput } from '@foyer/sdk/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { addsWalkIn, decideMark, type SiteAccess } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import { requireActivitySite } from '../admin-agents/agent-sites.js';

type Mark = EndpointInput<typeof adminRollCall.putRollCallMark>['body'];
type MarkResult = EndpointOutput<typeof adminRollCall.putRollCallMark>;

/** The booking statuses a roll call marks: expected children, and absences reported late. */
const MARKABLE = ['booked', 'cancel_requested', 'pending_payment'] as const;

/**
 * Records one roll-call mark, once: the mark's id (chosen by the tablet) is stored with what it
 * did, so that the same mark sent again (an offline queue flushed twice, a retried request)
 * answers the same and writes nothing. The child's cell is locked for the transaction, so
 * marks on one child are taken one after the other; the domain decides whether the mark
 * applies, is already so, or conflicts with another agent's (409, with that agent's mark). A
 * child present without booking gets a `walk_in` booking at the activity's surcharge. An
 * activity of a site the caller does not see answers 403.
 */
export async function recordMark(
  db: Db,
  scope: { collectivityId: string; accountId: string; sites: SiteAccess },
  markId: string,
  mark: Mark,
  now: Date,
): Promise<MarkResult> {
  const cid = scope.collectivityId;
  await requireActivitySite(db, cid, scope.sites, mark.activityId);
  return db.transaction().execute(async (trx) => {
    const cell = `${cid}|roll-call|${mark.childId}|${mark.activityId}|${mark.date}`;
    await sql`select pg_advisory_xact_lock(hashtextextended(${cell}, 0))`.execute(trx);

    const earlier = await trx
      .selectFrom('attendance_marks as m')
      .innerJoin('bookings as b', (j) =>
        j.onRef('b.collectivity_id', '=', 'm.collectivity_id').onRef('b.id', '=', 'm.booking_id'),
      )
      .select([
        'm.booking_id',
        'm.attendance',
        'm.version',
        'm.recorded_at',
        'b.child_id',
        'b.activity_id',
        'b.date',
        'b.walk_in',
      ])
      .where('m.collectivity_id', '=', cid)
      .where('m.id', '=', markId)
      .executeTakeFirst();
    if (earlier) {
      const same =
        earlier.child_id === mark.childId &&
        earlier.activity_id === mark.activityId &&
        earlier.date === mark.date &&
        earlier.attendance === mark.attendance;
      if (!same) throw new ApiError(422, 'idempotency_key_mismatch', 'This mark id was used for another mark: use a new id.');
      return {
        markId,
        bookingId: earlier.booking_id,
        childId: earlier.child_id,
        attendance: earlier.attendance,
        version: earlier.version,
        recordedAt: new Date(earlier.recorded_at).toISOString(),
        walkIn: earlier.walk_in,
        replayed: true,
      };
    }

    const booking = await trx
      .selectFrom('bookings as b')
      .leftJoin('accounts as acc', 'acc.id', 'b.attendance_recorded_by')
      .select([
        'b.id',
        'b.status',
        'b.walk_in',
        'b.attendance',
        'b.attendance_version',
        'b.attendance_recorded_at',
        'acc.display_name as recorded_by',
        'acc.email as recorded_by_email',
      ])
      .where('b.collectivity_id', '=', cid)
      .where('b.child_id', '=', mark.childId)
      .where('b.activity_id', '=', mark.activityId)
      .where('b.date', '=', mark.date)
      .where('b.status', 'in', [...MARKABLE, 'waitlisted'])
      .forUpdate('b')
      .executeTakeFirst();

    let bookingId: string;
    let walkIn: boolean;
    let version: number;
    if (booking && (MARKABLE as readonly string[]).includes(booking.status)) {
      const decision = decideMark(
        { attendance: booking.attendance, version: booking.attendance_version },
        mark.attendance,
        mark.seenVersion,
      );
      if (decision.kind === 'conflict') {
        throw new ApiError(409, 'attendance_conflict', 'Another agent marked this child in the meantime.', {
          extra: {
            current: {
              attendance: booking.attendance,
              version: booking.attendance_version,
              recordedAt: booking.attendance_recorded_at ? new Date(booking.attendance_recorded_at).toISOString() : null,
              recordedBy: booking.recorded_by || booking.recorded_by_email || null,
            },
          },
        });
      }
      if (decision.kind === 'record') {
        await trx
          .updateTable('bookings')
          .set({
            attendance: decision.attendance,
            attendance_version: decision.version,
            attendance_recorded_at: now,
            attendance_recorded_by: scope.accountId,
            updated_at: now,
          })
          .where('collectivity_id', '=', cid)
          .where('id', '=', booking.id)
          .execute();
      }
      bookingId = booking.id;
      walkIn = booking.walk_in;
      version = decision.version;
    } else {
      // Waitlisted, or not booked at all: only a presence adds the child, as a walk-in.
      if (booking || !addsWalkIn(mark.attendance)) {
        throw new ApiError(409, 'not_booked', 'This child is not expected that day: they can only be added as present.');
      }
      bookingId = await addWalkIn(trx, scope, mark, now);
      walkIn = true;
      version = 1;
    }

    await trx
      .insertInto('attendance_marks')
      .values({
        collectivity_id: cid,
        id: markId,
        account_id: scope.accountId,
        booking_id: bookingId,
        attendance: mark.attendance,
        version,
        recorded_at: now,
      })
      .execute();
    return {
      markId,
      bookingId,
      childId: mark.childId,
      attendance: mark.attendance,
      version,
      recordedAt: now.toISOString(),
      walkIn,
      replayed: false,
    };
  });
}

/**
 * A child who came without booking: a booking marked present and flagged `walk_in`, priced at
 * the activity's surcharge when it has one (billed with the month's postpaid days), and audited.
 */
async function addWalkIn(trx: Db, scope: { collectivityId: string; accountId: string }, mark: Mark, now: Date): Promise<string> {
  const cid = scope.collectivityId;
  const child = await trx
    .selectFrom('children')
    .select(['household_id'])
    .where('collectivity_id', '=', cid)
    .where('id', '=', mark.childId)
    .executeTakeFirst();
  if (!child) throw notFound('child');
  const activity = await trx
    .selectFrom('activities')
    .select(['walk_in_surcharge_cents'])
    .where('collectivity_id', '=', cid)
    .where('id', '=', mark.activityId)
    .executeTakeFirst();
  if (!activity) throw notFound('activity');
  const inserted = await trx
    .insertInto('bookings')
    .values({
      collectivity_id: cid,
      household_id: child.household_id,
      child_id: mark.childId,
      activity_id: mark.activityId,
      date: mark.date,
      status: 'booked',
      price_cents: activity.walk_in_surcharge_cents ?? 0,
      walk_in: true,
      attendance: 'present',
      attendance_version: 1,
      attendance_recorded_at: now,
      attendance_recorded_by: scope.accountId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('audit_log')
    .values({
      collectivity_id: cid,
      actor_account_id: scope.accountId,
      at: now,
      action: 'attendance.walk_in',
      object_type: 'booking',
      object_id: inserted.id,
      details: JSON.stringify({
        childId: mark.childId,
        activityId: mark.activityId,
        date: mark.date,
        surchargeCents: activity.walk_in_surcharge_cents,
      }),
    })
    .execute();
  return inserted.id;
}
