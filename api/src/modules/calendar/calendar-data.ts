import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Attendance, BookingStatus } from '../../db/schema.js';
import type { LocalDate } from '../../domain/index.js';
import { CollectivityBatchLoader } from '../../lib/collectivity-batch-loader.js';
import { placesTakenJson } from '../bookings/capacity.js';

/** The rows a child's calendar depends on, besides the activity rules. */
export interface CalendarRows {
  child: {
    id: string;
    firstName: string;
    lastName: string;
    familyQuotient: number | null;
    resident: boolean;
    /** The household's quotients with the date each applies from: a day's price follows them. */
    quotients: { quotient: number; appliesFrom: string }[];
  } | null;
  enrolments: {
    activityId: string;
    from: LocalDate;
    to: LocalDate;
    serviceId: string;
    serviceName: string;
    servicePosition: number;
    siteId: string;
    siteName: string;
  }[];
  bookings: [
    id: string,
    activityId: string,
    date: LocalDate,
    status: BookingStatus,
    priceCents: number,
    holdExpiresAt: string | null,
    attendance: Attendance | null,
    updatedAt: string,
  ][];
  cartLines: [id: string, activityId: string, date: LocalDate, action: 'book' | 'cancel'][];
  /** Places taken per activity-day, for the activities with a capacity the child is enrolled in. */
  taken: [activityId: string, date: LocalDate, count: number][];
  /** The first payment hold counted in `taken` to expire (it frees a place with time alone). */
  nextHoldExpiry: string | null;
  versions: CalendarVersions;
}

/** The change counters a calendar depends on (see migration 0003): equal counters, equal rows. */
export interface CalendarVersions {
  household: number;
  days: number;
}

/**
 * Reads everything of one child's calendar in ONE round trip, as JSON text: the text is also
 * what tells whether a rendered calendar is still current (same text, same data). Every part
 * filters on the asked child and household (not on a join with the child row) so each uses its
 * tenant-led index; rows of a child outside the household are never returned, since `child` is
 * then null (404). The calendars asked together (64 parents opening theirs at once) are read in
 * one statement per collectivity: planning it, which costs more than running it for one child,
 * is then paid once for all of them.
 */
export class CalendarRowsReader {
  readonly #loader: CollectivityBatchLoader<CalendarRowsInput, string>;

  constructor(db: Db) {
    this.#loader = new CollectivityBatchLoader((cid, inputs) => readRows(db, cid, inputs), MAX_ROWS_BATCH);
  }

  async read(input: CalendarRowsInput): Promise<string> {
    return (await this.#loader.load(input.collectivityId, input)) ?? '{}';
  }
}

/** The most calendars one statement reads: their rows come back as one result. */
const MAX_ROWS_BATCH = 64;

async function readRows(db: Db, cid: string, inputs: CalendarRowsInput[]): Promise<Map<CalendarRowsInput, string>> {
  const { rows } = await calendarRowsQuery(cid, inputs).execute(db);
  const data = new Map<CalendarRowsInput, string>();
  for (const row of rows) {
    const input = inputs[Number(row.i) - 1];
    if (input) data.set(input, row.data);
  }
  return data;
}

export interface CalendarRowsInput {
  collectivityId: string;
  householdId: string;
  childId: string;
  from: LocalDate;
  to: LocalDate;
  /** The child's bookings and cart lines are read over this span: capped sessions whole. */
  span: { from: LocalDate; to: LocalDate };
  serviceId?: string | undefined;
  now: Date;
}

/** The statement of `CalendarRowsReader`: one row per input (`i` from 1), for it and for looking at its plan. */
export function calendarRowsQuery(cid: string, inputs: readonly CalendarRowsInput[]) {
  const column = <T>(pick: (input: CalendarRowsInput) => T) => inputs.map(pick);
  return sql<{ i: string; data: string }>`
    select q.i, (
      with child as (
        select ch.id, ch.first_name, ch.last_name, h.family_quotient, h.resident,
               (select json_agg(json_build_object('quotient', fq.quotient, 'appliesFrom', fq.applies_from))
                  from family_quotients fq where fq.collectivity_id = h.collectivity_id and fq.household_id = h.id) as quotients
        from children ch
        join households h on h.collectivity_id = ch.collectivity_id and h.id = ch.household_id
        where ch.collectivity_id = ${cid} and ch.household_id = q.household_id and ch.id = q.child_id
      ),
      enrolled as (
        select e.activity_id, e.from_date, e.to_date, a.capacity, s.id as service_id, s.name as service_name,
               s.position as service_position, t.id as site_id, t.name as site_name
        from enrolments e
        join activities a on a.collectivity_id = e.collectivity_id and a.id = e.activity_id
        join services s on s.collectivity_id = a.collectivity_id and s.id = a.service_id
        join sites t on t.collectivity_id = a.collectivity_id and t.id = a.site_id
        where e.collectivity_id = ${cid} and e.child_id = q.child_id and e.ended_at is null
          and e.from_date <= q.to_date and e.to_date >= q.from_date
          and (q.service_id is null or a.service_id = q.service_id)
      )
      select json_build_object(
        'child', (select json_build_object('id', id, 'firstName', first_name, 'lastName', last_name,
                                           'familyQuotient', family_quotient, 'resident', resident,
                                           'quotients', coalesce(quotients, '[]')) from child),
        'enrolments', coalesce((select json_agg(json_build_object('activityId', activity_id, 'from', from_date, 'to', to_date,
            'serviceId', service_id, 'serviceName', service_name, 'servicePosition', service_position,
            'siteId', site_id, 'siteName', site_name) order by activity_id, from_date) from enrolled), '[]'),
        'bookings', coalesce((select json_agg(json_build_array(b.id, b.activity_id, b.date, b.status, b.price_cents,
            b.hold_expires_at, b.attendance, b.updated_at) order by b.date, b.activity_id, b.updated_at)
          from bookings b
          where b.collectivity_id = ${cid} and b.child_id = q.child_id and b.date between q.span_from and q.span_to), '[]'),
        'cartLines', coalesce((select json_agg(json_build_array(l.id, l.activity_id, l.date, l.action) order by l.date, l.activity_id)
          from cart_lines l
          join carts k on k.collectivity_id = l.collectivity_id and k.id = l.cart_id
          where k.collectivity_id = ${cid} and k.household_id = q.household_id and l.child_id = q.child_id
            and l.date between q.span_from and q.span_to), '[]'),
        'taken', ${placesTakenJson(cid, sql`array(select distinct activity_id from enrolled where capacity is not null)`, sql`q.from_date`, sql`q.to_date`, sql`q.now`)},
        'nextHoldExpiry', (select min(b.hold_expires_at) from bookings b
            where b.collectivity_id = ${cid}
              and b.activity_id = any(array(select activity_id from enrolled where capacity is not null))
              and b.date between q.from_date and q.to_date and b.status = 'pending_payment' and b.hold_expires_at > q.now),
        'versions', json_build_object(
          'household', coalesce((select version from household_versions where collectivity_id = ${cid} and household_id = q.household_id), 0),
          'days', coalesce((select sum(version) from activity_day_versions
            where collectivity_id = ${cid} and date between q.from_date and q.to_date
              and activity_id = any(array(select activity_id from enrolled where capacity is not null))), 0))
      )::text
    ) as data
    from unnest(${column((i) => i.householdId)}::uuid[], ${column((i) => i.childId)}::uuid[],
      ${column((i) => i.from)}::date[], ${column((i) => i.to)}::date[],
      ${column((i) => i.span.from)}::date[], ${column((i) => i.span.to)}::date[],
      ${column((i) => i.serviceId ?? null)}::uuid[], ${column((i) => i.now.toISOString())}::timestamptz[])
      with ordinality as q(household_id, child_id, from_date, to_date, span_from, span_to, service_id, now, i)`;
}

/** Whose counters: a household's, and the days of its child's capacity activities in a range. */
export interface VersionsAsk {
  collectivityId: string;
  householdId: string;
  from: LocalDate;
  to: LocalDate;
  /**
   * The child's activities with a capacity, as found when the calendar was computed (a new
   * enrolment moves the household counter anyway).
   */
  capacityActivities: readonly string[];
}

/**
 * The counters alone, for calendars already computed: two index lookups each. The asks of
 * reloads arriving together (64 parents at once) are read in one statement per collectivity
 * (row security scopes a statement to one), instead of one round trip each.
 */
export class CalendarVersionsReader {
  readonly #loader: CollectivityBatchLoader<VersionsAsk, CalendarVersions>;

  constructor(db: Db) {
    this.#loader = new CollectivityBatchLoader((cid, asks) => readVersions(db, cid, asks));
  }

  async read(ask: VersionsAsk): Promise<CalendarVersions> {
    return (await this.#loader.load(ask.collectivityId, ask)) ?? { household: 0, days: 0 };
  }
}

async function readVersions(db: Db, cid: string, asks: VersionsAsk[]): Promise<Map<VersionsAsk, CalendarVersions>> {
  const column = <T>(pick: (a: VersionsAsk) => T) => asks.map(pick);
  const { rows } = await sql<{ i: string; household: string | null; days: string | null }>`
    select a.i,
      (select version from household_versions h where h.collectivity_id = ${cid} and h.household_id = a.household_id) as household,
      (select sum(version) from activity_day_versions v where v.collectivity_id = ${cid}
          and v.activity_id = any(string_to_array(a.activities, ',')::uuid[]) and v.date between a.from_date and a.to_date) as days
    from unnest(${column((a) => a.householdId)}::uuid[], ${column((a) => a.from)}::date[], ${column((a) => a.to)}::date[],
      ${column((a) => a.capacityActivities.join(','))}::text[]) with ordinality as a(household_id, from_date, to_date, activities, i)`.execute(
    db,
  );
  const versions = new Map<VersionsAsk, CalendarVersions>();
  for (const row of rows) {
    const ask = asks[Number(row.i) - 1];
    if (ask) versions.set(ask, { household: Number(row.household ?? 0), days: Number(row.days ?? 0) });
  }
  return versions;
}
