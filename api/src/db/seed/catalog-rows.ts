/**
 * Inserting the rows of a town's offer (collectivity, service, site, activity), and what the
 * rest of the seed keeps of an inserted activity.
 */
import type { DeadlineRule } from '../../domain/deadlines.js';
import type { Pricing } from '../../domain/prices.js';
import type { SchoolCalendar, SchoolZone } from '../../domain/school-holidays.js';
import { type CollectivityIdentity, identityColumns, NO_IDENTITY } from '../../modules/collectivities/collectivity-identity.js';
import type { Executor } from '../database.js';
import type { AddressValue } from '../schema.js';
import type { DateSpan, NamedPeriod, OpeningPattern } from './school-calendar.js';

/** What the booking seed needs to know about an inserted activity. */
export interface SeededActivity {
  id: string;
  siteId: string;
  /** The name parents see, e.g. "REPAS". */
  name: string;
  pricing: Pricing;
  capacity: number | null;
  maxDaysPerChildPerSession: number | null;
  sessions: NamedPeriod[];
  /** When it runs, its site's closures included. */
  opening: OpeningPattern;
}

/** An activity to insert; the season and the site's closures are given beside it. */
export interface ActivitySpec {
  collectivityId: string;
  serviceId: string;
  siteId: string;
  code: string;
  name: string;
  weekdays: number[];
  schoolHolidays: 'closed' | 'only';
  sessions: NamedPeriod[];
  capacity: number | null;
  waitlist: boolean;
  bookingDeadline: DeadlineRule;
  cancellationDeadline: DeadlineRule;
  registrationOpensAt: Date | null;
  paymentMode: 'prepaid' | 'postpaid';
  pricing: Pricing;
  maxDaysPerChildPerSession: number | null;
  /** The daily times `HH:MM` (Paris wall clock), as the calendar feed shows them. */
  times: { startsAt: string; endsAt: string };
  position: number;
}

export async function insertActivity(
  trx: Executor,
  spec: ActivitySpec,
  season: DateSpan,
  siteClosures: readonly DateSpan[],
  calendar: SchoolCalendar,
): Promise<SeededActivity> {
  const { id } = await trx
    .insertInto('activities')
    .values({
      collectivity_id: spec.collectivityId,
      service_id: spec.serviceId,
      site_id: spec.siteId,
      code: spec.code,
      name: spec.name,
      weekdays: spec.weekdays,
      school_holidays: spec.schoolHolidays,
      sessions: JSON.stringify(spec.sessions),
      season_from: season.from,
      season_to: season.to,
      capacity: spec.capacity,
      waitlist: spec.waitlist,
      booking_deadline: JSON.stringify(spec.bookingDeadline),
      cancellation_deadline: JSON.stringify(spec.cancellationDeadline),
      registration_opens_at: spec.registrationOpensAt,
      registration_closes_at: null,
      payment_mode: spec.paymentMode,
      pricing: JSON.stringify(spec.pricing),
      hold_minutes: 20,
      max_days_per_child_per_session: spec.maxDaysPerChildPerSession,
      refund_on_cancel: true,
      starts_at: spec.times.startsAt,
      ends_at: spec.times.endsAt,
      position: spec.position,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id,
    siteId: spec.siteId,
    name: spec.name,
    pricing: spec.pricing,
    capacity: spec.capacity,
    maxDaysPerChildPerSession: spec.maxDaysPerChildPerSession,
    sessions: spec.sessions,
    opening: {
      weekdays: spec.weekdays,
      schoolHolidays: spec.schoolHolidays,
      sessions: spec.sessions,
      season,
      closures: siteClosures,
      calendar,
    },
  };
}

export async function insertCollectivity(
  trx: Executor,
  values: {
    slug: string;
    name: string;
    zone: SchoolZone;
    origins: string[];
    portalUrl: string;
    primaryColor: string;
    /** Who issues its invoices; none by default, as a town fresh from `foyer collectivity create`. */
    identity?: CollectivityIdentity;
  },
): Promise<string> {
  const { id } = await trx
    .insertInto('collectivities')
    .values({
      slug: values.slug,
      name: values.name,
      time_zone: 'Europe/Paris',
      school_holiday_zone: values.zone,
      alsace_moselle: false,
      embedding_origins: values.origins,
      portal_url: values.portalUrl,
      branding: JSON.stringify({ primaryColor: values.primaryColor }),
      ...identityColumns(values.identity ?? NO_IDENTITY),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertService(
  trx: Executor,
  collectivityId: string,
  values: { name: string; kind: 'canteen' | 'childcare' | 'leisure'; description: string; position: number },
): Promise<string> {
  const { id } = await trx
    .insertInto('services')
    .values({ collectivity_id: collectivityId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertSite(
  trx: Executor,
  collectivityId: string,
  values: { name: string; kind: 'school' | 'leisure_centre'; address: AddressValue },
): Promise<string> {
  const { id } = await trx
    .insertInto('sites')
    .values({ collectivity_id: collectivityId, name: values.name, kind: values.kind, address: JSON.stringify(values.address) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
