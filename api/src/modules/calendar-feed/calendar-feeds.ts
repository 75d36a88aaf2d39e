import { createHash } from 'node:crypto';
import type { calendarFeed } from '@foyer/sdk/contract';
import type * as v from 'valibot';
import type { AppDeps } from '../../deps.js';
import { FEED_STATUSES, type FeedBooking, feedEvents, feedWindow } from '../../domain/calendar-feed-events.js';
import { localDateOf } from '../../domain/zoned-time.js';
import { ApiError } from '../../lib/api-error.js';
import { renderIcal } from '../../lib/icalendar.js';
import { rateLimit } from '../../lib/rate-limit.js';
import { hashToken } from '../auth/secret-tokens.js';
import { collectivityOfFeedToken, newFeedToken } from './feed-tokens.js';

type Status = v.InferOutput<typeof calendarFeed.CalendarFeedStatus>;
type Created = v.InferOutput<typeof calendarFeed.CalendarFeedCreated>;

interface HouseholdScope {
  collectivityId: string;
  householdId: string;
  accountId: string;
}

/** Calendar apps refetch about this often; the feed's cache headers say the same. */
const REFRESH_HOURS = 6;
/** A subscribed app polls a few times a day: far more from one feed is a runaway client. */
const FEED_FETCHES_PER_HOUR = 120;

const notFound = () =>
  new ApiError(404, 'not_found', {
    fr: "Ce lien d'agenda n'existe pas ou a été désactivé : créez-en un nouveau depuis l'espace famille.",
    en: 'This calendar link does not exist or was turned off: create a new one from the family space.',
  });

export async function feedStatus(deps: AppDeps, scope: HouseholdScope): Promise<Status> {
  const row = await deps.db
    .selectFrom('calendar_feeds')
    .select('created_at')
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId)
    .executeTakeFirst();
  return { active: row !== undefined, createdAt: row ? new Date(row.created_at).toISOString() : null };
}

/** Creates the household's feed address, replacing (so revoking) any previous one. */
export async function createFeed(deps: AppDeps, scope: HouseholdScope): Promise<Created> {
  const token = newFeedToken(scope.collectivityId);
  const now = deps.clock.now();
  const row = { token_hash: hashToken(token), created_by: scope.accountId, created_at: now };
  await deps.db
    .insertInto('calendar_feeds')
    .values({ collectivity_id: scope.collectivityId, household_id: scope.householdId, ...row })
    .onConflict((oc) => oc.columns(['collectivity_id', 'household_id']).doUpdateSet(row))
    .execute();
  const url = `${deps.config.publicUrl}/ical/${token}.ics`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:'), createdAt: now.toISOString() };
}

export async function revokeFeed(deps: AppDeps, scope: HouseholdScope): Promise<undefined> {
  await deps.db
    .deleteFrom('calendar_feeds')
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId)
    .execute();
  return undefined;
}

/**
 * The feed of a token: its household's children's booked days, or 404 for an unknown or revoked
 * token. Answers 304 when the app already has this content (the ETag ignores DTSTAMP, which
 * changes with every copy).
 */
export async function serveFeed(deps: AppDeps, feedFile: string, ifNoneMatch: string | undefined): Promise<Response> {
  const token = feedFile.slice(0, -'.ics'.length);
  const collectivityId = collectivityOfFeedToken(token);
  if (!collectivityId) throw notFound();
  const feed = await deps.db
    .selectFrom('calendar_feeds as f')
    .innerJoin('collectivities as co', 'co.id', 'f.collectivity_id')
    .select(['f.household_id', 'co.name', 'co.slug', 'co.time_zone'])
    .where('f.collectivity_id', '=', collectivityId)
    .where('f.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!feed) throw notFound();

  const now = deps.clock.now();
  const admission = await rateLimit.reserve(
    deps.db,
    `ical:${hashToken(token).toString('hex')}`,
    { limit: FEED_FETCHES_PER_HOUR, windowSeconds: 3600 },
    now,
  );
  if (!admission.admitted) {
    throw new ApiError(
      429,
      'too_many_requests',
      {
        fr: "Ce lien d'agenda est consulté trop souvent : réessayez plus tard.",
        en: 'This calendar link is fetched too often: try again later.',
      },
      { headers: { 'Retry-After': String(admission.retryAfter) } },
    );
  }

  const window = feedWindow(localDateOf(now, feed.time_zone));
  const rows = await deps.db
    .selectFrom('bookings as b')
    .innerJoin('children as ch', (j) => j.onRef('ch.collectivity_id', '=', 'b.collectivity_id').onRef('ch.id', '=', 'b.child_id'))
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'b.collectivity_id').onRef('a.id', '=', 'b.activity_id'),
    )
    .innerJoin('services as s', (j) => j.onRef('s.collectivity_id', '=', 'a.collectivity_id').onRef('s.id', '=', 'a.service_id'))
    .innerJoin('sites as si', (j) => j.onRef('si.collectivity_id', '=', 'a.collectivity_id').onRef('si.id', '=', 'a.site_id'))
    .select([
      'b.id',
      'b.date',
      'b.status',
      'ch.first_name',
      'a.name as activity',
      'a.starts_at',
      'a.ends_at',
      's.name as service',
      'si.name as site',
    ])
    .where('b.collectivity_id', '=', collectivityId)
    .where('b.household_id', '=', feed.household_id)
    .where('b.status', 'in', [...FEED_STATUSES])
    .where('b.date', '>=', window.from)
    .where('b.date', '<=', window.to)
    .orderBy('b.date')
    .orderBy('ch.first_name')
    .orderBy('a.name')
    .execute();
  const bookings: FeedBooking[] = rows.map((r) => ({
    id: r.id,
    date: r.date,
    status: r.status as FeedBooking['status'],
    childFirstName: r.first_name,
    activityName: r.activity,
    serviceName: r.service,
    siteName: r.site,
    times: r.starts_at && r.ends_at ? { startsAt: r.starts_at, endsAt: r.ends_at } : null,
  }));
  const events = feedEvents(bookings, new URL(deps.config.publicUrl).hostname, feed.time_zone);
  const name = `${feed.name} — Foyer`;

  const etag = `"${createHash('sha256')
    .update(JSON.stringify([name, feed.time_zone, events]))
    .digest('base64url')
    .slice(0, 27)}"`;
  const headers = {
    'Cache-Control': `private, max-age=${(REFRESH_HOURS * 3600) / 4}`,
    ETag: etag,
    'X-Robots-Tag': 'noindex',
  };
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) return new Response(null, { status: 304, headers });
  const body = renderIcal({
    prodId: '-//Foyer//Calendrier des réservations//FR',
    name,
    timeZone: feed.time_zone,
    stamp: now,
    refreshHours: REFRESH_HOURS,
    events,
  });
  return new Response(body, {
    status: 200,
    headers: {
      ...headers,
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="${feed.slug}.ics"`,
    },
  });
}
