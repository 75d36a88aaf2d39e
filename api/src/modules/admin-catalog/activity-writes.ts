import type { adminCatalog } from '@foyer/sdk/contract';
import type { Insertable, Selectable } from 'kysely';
import type { ActivitiesTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import type { Pricing } from '../../domain/index.js';
import { notFound } from '../../lib/api-error.js';
import { audit } from '../../lib/audit.js';
import { forgetRules } from '../bookings/rules-cache.js';
import { checkActivityShape, checkReferences, pricingOf } from './activity-checks.js';
import { activityView } from './catalog-views.js';
import type { CatalogScope } from './catalog-writes.js';

type Patch = adminCatalog.ActivityPatch;

/** The columns a form's fields set; absent fields are left as they are. */
function columnsOf(body: Patch): Partial<Insertable<ActivitiesTable>> {
  const set: Partial<Insertable<ActivitiesTable>> = {};
  if (body.serviceId !== undefined) set.service_id = body.serviceId;
  if (body.siteId !== undefined) set.site_id = body.siteId;
  if (body.code !== undefined) set.code = body.code;
  if (body.name !== undefined) set.name = body.name;
  if (body.weekdays !== undefined) set.weekdays = [...new Set(body.weekdays)].sort();
  if (body.schoolHolidays !== undefined) set.school_holidays = body.schoolHolidays;
  if (body.seasonFrom !== undefined) set.season_from = body.seasonFrom;
  if (body.seasonTo !== undefined) set.season_to = body.seasonTo;
  if (body.capacity !== undefined) set.capacity = body.capacity;
  if (body.waitlist !== undefined) set.waitlist = body.waitlist;
  if (body.bookingDeadline !== undefined) set.booking_deadline = JSON.stringify(body.bookingDeadline);
  if (body.cancellationDeadline !== undefined) set.cancellation_deadline = JSON.stringify(body.cancellationDeadline);
  if (body.registrationOpensAt !== undefined) set.registration_opens_at = body.registrationOpensAt;
  if (body.registrationClosesAt !== undefined) set.registration_closes_at = body.registrationClosesAt;
  if (body.sessions !== undefined) set.sessions = JSON.stringify(body.sessions);
  if (body.maxDaysPerChildPerSession !== undefined) set.max_days_per_child_per_session = body.maxDaysPerChildPerSession;
  if (body.paymentMode !== undefined) set.payment_mode = body.paymentMode;
  if (body.pricing !== undefined) set.pricing = JSON.stringify(pricingOf(body.pricing));
  if (body.holdMinutes !== undefined) set.hold_minutes = body.holdMinutes;
  if (body.refundOnCancel !== undefined) set.refund_on_cancel = body.refundOnCancel;
  if (body.walkInSurchargeCents !== undefined) set.walk_in_surcharge_cents = body.walkInSurchargeCents;
  if (body.startsAt !== undefined) set.starts_at = body.startsAt;
  if (body.endsAt !== undefined) set.ends_at = body.endsAt;
  if (body.position !== undefined) set.position = body.position;
  return set;
}

/** The cross-field rules, on the activity as it will be once the patch is applied. */
function checkMerged(current: Selectable<ActivitiesTable> | undefined, body: Patch): void {
  const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);
  checkActivityShape({
    seasonFrom: body.seasonFrom ?? current?.season_from ?? '',
    seasonTo: body.seasonTo ?? current?.season_to ?? '',
    registrationOpensAt: body.registrationOpensAt !== undefined ? body.registrationOpensAt : iso(current?.registration_opens_at),
    registrationClosesAt:
      body.registrationClosesAt !== undefined ? body.registrationClosesAt : iso(current?.registration_closes_at),
    sessions: body.sessions ?? current?.sessions ?? [],
    pricing: body.pricing ? pricingOf(body.pricing) : (current?.pricing as unknown as Pricing),
    startsAt: body.startsAt !== undefined ? body.startsAt : (current?.starts_at ?? null),
    endsAt: body.endsAt !== undefined ? body.endsAt : (current?.ends_at ?? null),
  });
}

async function audited(scope: CatalogScope, action: string, id: string, now: Date, trx: AppDeps['db']) {
  await audit(trx, {
    collectivityId: scope.collectivityId,
    actorAccountId: scope.accountId,
    action,
    objectType: 'activity',
    objectId: id,
    at: now,
  });
}

/** Creates an activity; its enrolled children's calendars show it at once. */
export async function createActivity(
  deps: AppDeps,
  scope: CatalogScope,
  body: adminCatalog.ActivityInput,
): Promise<adminCatalog.AdminActivity> {
  checkMerged(undefined, body);
  const now = deps.clock.now();
  const row = await deps.db.transaction().execute(async (trx) => {
    await checkReferences(trx, scope.collectivityId, body);
    const created = await trx
      .insertInto('activities')
      .values({
        school_holidays: 'closed',
        sessions: '[]',
        ...columnsOf(body),
        collectivity_id: scope.collectivityId,
      } as Insertable<ActivitiesTable>)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audited(scope, 'activity.created', created.id, now, trx);
    return created;
  });
  forgetRules(deps, scope.collectivityId);
  return activityView(row);
}

/** Changes an activity's rules or archives it (`archived`); calendars follow at once. */
export async function updateActivity(
  deps: AppDeps,
  scope: CatalogScope,
  id: string,
  body: Patch,
): Promise<adminCatalog.AdminActivity> {
  const now = deps.clock.now();
  const row = await deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('activities')
      .selectAll()
      .where('collectivity_id', '=', scope.collectivityId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow(() => notFound('activity'));
    checkMerged(current, body);
    await checkReferences(trx, scope.collectivityId, body);
    const archived = body.archived === undefined ? {} : { archived_at: body.archived ? now : null };
    const updated = await trx
      .updateTable('activities')
      // `collectivity_id` is unchanged, but keeps the statement valid for an empty patch (`{}`).
      .set({ collectivity_id: scope.collectivityId, ...columnsOf(body), ...archived })
      .where('collectivity_id', '=', scope.collectivityId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audited(scope, 'activity.updated', id, now, trx);
    return updated;
  });
  forgetRules(deps, scope.collectivityId);
  return activityView(row);
}
