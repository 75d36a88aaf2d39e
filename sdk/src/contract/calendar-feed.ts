import * as v from 'valibot';
import { CollectivityParams, Instant } from './common.js';
import { endpoint } from './endpoint.js';

/**
 * The household's calendar feed ("Ajouter à mon agenda"): a secret iCalendar address that a
 * calendar app (Apple, Google, Outlook) subscribes to. Only a hash of its token is kept, so the
 * address is shown once, when it is created; creating another revokes the previous one.
 */
export const CalendarFeedStatus = v.object({
  active: v.boolean(),
  /** When the active address was created; null without one. */
  createdAt: v.nullable(Instant),
});
export type CalendarFeedStatus = v.InferOutput<typeof CalendarFeedStatus>;

/** A new feed address: `https://…/ical/….ics`, and the same as `webcal://…` for a one-tap subscription. */
export const CalendarFeedCreated = v.object({
  url: v.string(),
  webcalUrl: v.string(),
  createdAt: Instant,
});
export type CalendarFeedCreated = v.InferOutput<typeof CalendarFeedCreated>;

/** Whether the household has an active feed address (never the address itself). */
export const getCalendarFeed = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/calendar-feed',
  params: CollectivityParams,
  response: CalendarFeedStatus,
});

/** Creates the household's feed address, or replaces it: the previous one stops answering (404). */
export const createCalendarFeed = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/calendar-feed',
  params: CollectivityParams,
  response: CalendarFeedCreated,
  status: 201,
});

/** Revokes the household's feed address: it answers 404 from now on. */
export const revokeCalendarFeed = endpoint({
  method: 'DELETE',
  path: '/v1/collectivities/:c/calendar-feed',
  params: CollectivityParams,
});

/** `feed` is the secret token followed by `.ics`. */
export const CalendarFeedParams = v.strictObject({
  feed: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{20,100}\.ics$/, 'must be a feed token followed by .ics')),
});

/** The feed itself, `text/calendar`: the household's children's booked days. Needs no sign-in: the token is the key. */
export const getIcalFeed = endpoint({
  method: 'GET',
  path: '/ical/:feed',
  params: CalendarFeedParams,
  status: 200,
});
