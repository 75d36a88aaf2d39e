import type { adminCatalog } from '@foyer/sdk/contract';
import type { Selectable } from 'kysely';
import type { ActivitiesTable, ClosuresTable, ServicesTable, SitesTable } from '../../db/schema.js';
import type { DeadlineRule, Pricing } from '../../domain/index.js';

// Rows as the back office shows them: the contract's shapes, archived as a flag.

export function serviceView(row: Selectable<ServicesTable>): adminCatalog.AdminService {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    description: row.description,
    position: row.position,
    archived: row.archived_at !== null,
  };
}

export function siteView(row: Selectable<SitesTable>): adminCatalog.AdminSite {
  return { id: row.id, name: row.name, kind: row.kind, address: row.address, archived: row.archived_at !== null };
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function activityView(row: Selectable<ActivitiesTable>): adminCatalog.AdminActivity {
  const pricing = row.pricing as unknown as Pricing;
  return {
    id: row.id,
    serviceId: row.service_id,
    siteId: row.site_id,
    code: row.code,
    name: row.name,
    weekdays: row.weekdays,
    schoolHolidays: row.school_holidays,
    seasonFrom: row.season_from,
    seasonTo: row.season_to,
    capacity: row.capacity,
    waitlist: row.waitlist,
    bookingDeadline: row.booking_deadline as unknown as DeadlineRule,
    cancellationDeadline: row.cancellation_deadline as unknown as DeadlineRule,
    registrationOpensAt: iso(row.registration_opens_at),
    registrationClosesAt: iso(row.registration_closes_at),
    sessions: row.sessions,
    maxDaysPerChildPerSession: row.max_days_per_child_per_session,
    paymentMode: row.payment_mode,
    pricing: { tiers: pricing.tiers, nonResidentAmountCents: pricing.nonResidentAmountCents ?? null },
    holdMinutes: row.hold_minutes,
    refundOnCancel: row.refund_on_cancel,
    walkInSurchargeCents: row.walk_in_surcharge_cents,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    position: row.position,
    archived: row.archived_at !== null,
  };
}

export function closureView(row: Selectable<ClosuresTable>): adminCatalog.AdminClosure {
  return {
    id: row.id,
    siteId: row.site_id,
    activityId: row.activity_id,
    from: row.from_date,
    to: row.to_date,
    reason: row.reason,
  };
}
