import type { calendar } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { addDays, type BookingRules, instantAt, type LocalDate, localDateOf, sessionSpan } from '../../domain/index.js';
import { notFound } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { ByteBoundedCache } from '../../lib/byte-bounded-cache.js';
import { type DeflatedTail, deflatedTail, gzipBytesOffThread, gzipWithTail } from '../../lib/content-coding.js';
import type { RulesSnapshot } from '../bookings/activity-rules.js';
import { placeKey } from '../bookings/capacity.js';
import { rulesSnapshot } from '../bookings/rules-cache.js';
import { calendarCells } from './calendar-cells.js';
import { type CalendarRows, CalendarRowsReader, type CalendarVersions, CalendarVersionsReader } from './calendar-data.js';

export interface CalendarRequest {
  householdId: string;
  childId: string;
  from: LocalDate;
  to: LocalDate;
  /** Only the activities of this service. */
  serviceId?: string | undefined;
  now: Date;
}

interface Rendered {
  versions: CalendarVersions;
  capacityActivities: string[];
  rulesVersion: string;
  /** The first instant at which a cell could change with time alone (a deadline, midnight…). */
  validUntil: number;
  /** The answer, encoded once (a shared calendar's, the first time a client that takes no gzip asks). */
  body?: Uint8Array<ArrayBuffer>;
  /** The same, gzipped the first time a client that takes gzip asks. */
  gzipped?: Promise<Uint8Array<ArrayBuffer>>;
  /** For a calendar made of a shared one: its own head, and the shared rest compressed once. */
  shared?: { head: Uint8Array; tail: DeflatedTail };
}

/**
 * What children with the same activities, prices and places, and nothing of their own in the
 * range (no booking, no cart line), all see: every cell, and so everything of the calendar but
 * who the child is. On registration day thousands of such children open the same month; their
 * cells are computed, encoded and compressed once.
 */
interface SharedCalendar {
  /** The calendar's JSON from its `"from"` key to the closing brace: all of it but the child. */
  tail: DeflatedTail;
  capacityActivities: string[];
  validUntil: number;
}

/** A calendar's JSON bytes and its gzipped form, each made on demand. */
export interface RenderedCalendar {
  body(): Uint8Array<ArrayBuffer>;
  gzipped(): Promise<Uint8Array<ArrayBuffer>>;
  /** The object, when it was computed for this request (for contract checks). */
  computed?: calendar.Calendar;
}

function answer(rendered: Rendered, computed?: calendar.Calendar): RenderedCalendar {
  const { shared } = rendered;
  // A calendar computed for its child has its body from the start; a shared one, on demand.
  const body = () => (rendered.body ??= shared ? concatBytes(shared.head, shared.tail.bytes) : new Uint8Array());
  return {
    body,
    gzipped: () =>
      (rendered.gzipped ??= shared ? Promise.resolve(gzipWithTail(shared.head, shared.tail)) : gzipBytesOffThread(body())),
    ...(computed ? { computed } : {}),
  };
}

/**
 * Calendars kept, at most, in bytes (a month's JSON is ~46 kB, a year's ~0.6 MB): a parent
 * asking for range after range fills these, not the process.
 */
const MAX_RENDERED_BYTES = 256 * 1024 * 1024;
const MAX_SHARED_BYTES = 32 * 1024 * 1024;

const encoder = new TextEncoder();

/**
 * Children's calendars. A calendar computed earlier is served again while the change counters
 * it depends on have not moved, the rules are the same and no deadline, hold or midnight has
 * passed: parents reload a calendar far more often than it changes, and a reload then costs
 * two index lookups (in one statement with the other reloads of the moment). Otherwise its rows
 * are read in one round trip and the cells computed.
 */
export class ChildCalendars {
  readonly #rendered = new ByteBoundedCache<Rendered>(MAX_RENDERED_BYTES);
  readonly #shared = new ByteBoundedCache<SharedCalendar>(MAX_SHARED_BYTES);

  readonly #versions: CalendarVersionsReader;
  readonly #rows: CalendarRowsReader;

  constructor(private readonly deps: AppDeps) {
    this.#versions = new CalendarVersionsReader(deps.db);
    this.#rows = new CalendarRowsReader(deps.db);
  }

  /** The calendar as JSON bytes (and gzipped), and the object when it was computed now. */
  async render(collectivity: CollectivityContext, request: CalendarRequest): Promise<RenderedCalendar> {
    const key = [collectivity.id, request.householdId, request.childId, request.from, request.to, request.serviceId ?? ''].join(
      '|',
    );
    const now = request.now.getTime();
    const snapshot = await rulesSnapshot(this.deps, collectivity);
    const hit = this.#rendered.get(key);
    if (hit && hit.rulesVersion === snapshot.version && now < hit.validUntil) {
      const versions = await this.#versions.read({
        collectivityId: collectivity.id,
        householdId: request.householdId,
        from: request.from,
        to: request.to,
        capacityActivities: hit.capacityActivities,
      });
      if (versions.household === hit.versions.household && versions.days === hit.versions.days) return answer(hit);
    }

    const span = sessionSpan(snapshot.rules.values(), request.from, request.to);
    const rows = JSON.parse(await this.#rows.read({ collectivityId: collectivity.id, ...request, span })) as CalendarRows;
    if (rows.bookings.length === 0 && rows.cartLines.length === 0)
      return this.#fromShared(key, rows, snapshot, collectivity, request);
    const computed = compute(rows, snapshot, collectivity, request);
    const rendered: Rendered = {
      versions: rows.versions,
      capacityActivities: capacityActivities(computed.calendar, snapshot),
      rulesVersion: snapshot.version,
      validUntil: computed.validUntil,
      body: encoder.encode(JSON.stringify(computed.calendar)),
    };
    // The body, and its gzip (a fifteenth of it) when asked for.
    this.#rendered.set(key, rendered, rendered.body?.length ?? 0);
    return answer(rendered, computed.calendar);
  }

  /** A calendar with nothing of the child's own: the shared one, with the child's name before it. */
  #fromShared(
    key: string,
    rows: CalendarRows,
    snapshot: RulesSnapshot,
    collectivity: CollectivityContext,
    request: CalendarRequest,
  ): RenderedCalendar {
    const { child } = rows;
    if (!child) throw notFound('child');
    // Everything the cells depend on besides the child's own rows (none here) and the time.
    const sharedKey = JSON.stringify([
      collectivity.id,
      snapshot.version,
      request.from,
      request.to,
      child.familyQuotient,
      child.resident,
      child.quotients,
      rows.enrolments,
      rows.taken,
      rows.nextHoldExpiry,
    ]);
    const identity = { id: child.id, firstName: child.firstName, lastName: child.lastName };
    let shared = this.#shared.get(sharedKey);
    let computed: calendar.Calendar | undefined;
    if (!shared || request.now.getTime() >= shared.validUntil) {
      const result = compute(rows, snapshot, collectivity, request);
      computed = { ...result.calendar, child: identity };
      const { child: _, ...rest } = result.calendar;
      // `{"from":…}` without its opening brace: the end of `{"child":{…},"from":…}`.
      const tail = encoder.encode(JSON.stringify(rest).slice(1));
      shared = {
        tail: deflatedTail(tail),
        capacityActivities: capacityActivities(result.calendar, snapshot),
        validUntil: result.validUntil,
      };
      this.#shared.set(sharedKey, shared, shared.tail.bytes.length + shared.tail.deflated.length);
    }
    const head = encoder.encode(`{"child":${JSON.stringify(identity)},`);
    const rendered: Rendered = {
      versions: rows.versions,
      capacityActivities: shared.capacityActivities,
      rulesVersion: snapshot.version,
      validUntil: shared.validUntil,
      shared: { head, tail: shared.tail },
    };
    // Its head, and the body it may be asked for once (the shared part counts in `#shared`).
    this.#rendered.set(key, rendered, head.length + shared.tail.bytes.length);
    return answer(rendered, computed);
  }
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The calendar's activities with a capacity: their places can change the cells. */
function capacityActivities(calendar: calendar.Calendar, snapshot: RulesSnapshot): string[] {
  return calendar.activities.map((a) => a.id).filter((id) => snapshot.rules.get(id)?.capacity != null);
}

function compute(
  rows: CalendarRows,
  snapshot: RulesSnapshot,
  collectivity: CollectivityContext,
  request: CalendarRequest,
): { calendar: calendar.Calendar; validUntil: number } {
  const { from, to, now } = request;
  const child = rows.child;
  if (!child) throw notFound('child');
  // An archived activity has no rules any more: it leaves the calendar.
  const enrolled = [...new Set(rows.enrolments.map((e) => e.activityId))].flatMap((id) => {
    const activity = snapshot.rules.get(id);
    const enrolment = rows.enrolments.find((e) => e.activityId === id);
    return activity && enrolment ? [{ activity, enrolment }] : [];
  });
  enrolled.sort(
    (a, b) =>
      a.enrolment.servicePosition - b.enrolment.servicePosition ||
      a.activity.position - b.activity.position ||
      a.activity.name.localeCompare(b.activity.name),
  );
  const bookings = rows.bookings.map(([id, activityId, date, status, priceCents, holdExpiresAt, attendance, updatedAt]) => ({
    id,
    activityId,
    date,
    status,
    priceCents,
    holdExpiresAt: holdExpiresAt === null ? null : new Date(holdExpiresAt),
    attendance,
    updatedAt: new Date(updatedAt),
  }));
  const cells = calendarCells({
    from,
    to,
    now,
    timeZone: collectivity.timeZone,
    activities: enrolled.map((e) => e.activity),
    enrolments: rows.enrolments.map((e) => ({ activityId: e.activityId, from: e.from, to: e.to })),
    bookings,
    placesTaken: new Map(rows.taken.map(([activityId, date, count]) => [placeKey(activityId, date), count])),
    cartLines: rows.cartLines.map(([id, activityId, date, action]) => ({ id, activityId, date, action })),
    household: { familyQuotient: child.familyQuotient, resident: child.resident, quotients: child.quotients },
  });

  const validUntil = cellsValidUntil(now, collectivity.timeZone, cells, enrolled, bookings, rows.nextHoldExpiry);

  return {
    calendar: {
      child: { id: child.id, firstName: child.firstName, lastName: child.lastName },
      from,
      to,
      activities: enrolled.map(({ activity, enrolment }) => ({
        id: activity.id,
        code: activity.code,
        name: activity.name,
        paymentMode: activity.paymentMode,
        service: { id: enrolment.serviceId, name: enrolment.serviceName },
        site: { id: enrolment.siteId, name: enrolment.siteName },
      })),
      cells,
    },
    validUntil,
  };
}

/**
 * Until when a calendar's cells hold if no row changes: the next deadline, registration opening
 * or closing, payment hold expiry, or midnight in the collectivity, whichever comes first.
 */
function cellsValidUntil(
  now: Date,
  timeZone: string,
  cells: readonly { bookingDeadline: string | null; cancellationDeadline: string | null }[],
  enrolled: readonly { activity: BookingRules }[],
  bookings: readonly { holdExpiresAt: Date | null }[],
  nextHoldExpiry: string | null,
): number {
  const t = now.getTime();
  let validUntil = instantAt(addDays(localDateOf(now, timeZone), 1), '00:00', timeZone).getTime();
  const consider = (instant: number) => {
    if (instant > t && instant < validUntil) validUntil = instant;
  };
  for (const cell of cells) {
    if (cell.bookingDeadline) consider(Date.parse(cell.bookingDeadline) + 1);
    if (cell.cancellationDeadline) consider(Date.parse(cell.cancellationDeadline) + 1);
  }
  for (const { activity } of enrolled) {
    if (activity.window.opensAt) consider(activity.window.opensAt.getTime());
    if (activity.window.closesAt) consider(activity.window.closesAt.getTime() + 1);
    for (const session of activity.sessions) if (session.opensAt) consider(Date.parse(session.opensAt));
  }
  for (const booking of bookings) if (booking.holdExpiresAt) consider(booking.holdExpiresAt.getTime());
  if (nextHoldExpiry) consider(Date.parse(nextHoldExpiry));
  return validUntil;
}
