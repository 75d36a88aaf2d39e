import { calendarFeed } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, route } from '../../lib/route.js';
import { householdScope } from '../../lib/scope.js';
import { createFeed, feedStatus, revokeFeed, serveFeed } from './calendar-feeds.js';

/** "Ajouter à mon agenda": the household's secret iCalendar address, and the feed behind it. */
export function calendarFeedRoutes(deps: AppDeps): Route[] {
  return [
    route(
      calendarFeed.getCalendarFeed,
      {
        summary: 'Whether my household has a calendar feed',
        description: 'Never the address itself: only its hash is kept, so it is shown once, when created.',
        tags: ['Calendar feed'],
        access: 'parent',
      },
      async (_input, c) => feedStatus(deps, householdScope(c)),
    ),
    route(
      calendarFeed.createCalendarFeed,
      {
        summary: 'Create (or replace) my calendar feed address',
        description:
          'Answers the secret `https://…/ical/….ics` address and its `webcal://` twin, for Apple, Google or Outlook calendars. A previous address stops answering (404).',
        tags: ['Calendar feed'],
        access: 'parent',
      },
      async (_input, c) => createFeed(deps, householdScope(c)),
    ),
    route(
      calendarFeed.revokeCalendarFeed,
      {
        summary: 'Turn off my calendar feed',
        description: 'The address answers 404 from now on.',
        tags: ['Calendar feed'],
        access: 'parent',
      },
      async (_input, c) => revokeFeed(deps, householdScope(c)),
    ),
    route(
      calendarFeed.getIcalFeed,
      {
        summary: 'A household’s calendar feed (iCalendar)',
        description:
          '`text/calendar; charset=utf-8` (RFC 5545): one event per booked day of the household’s children (at the activity’s times, as UTC instants, when it has them; all day otherwise), a month back and a year ahead, with the activity, the site and the status; stable UIDs. The token is the key: no sign-in. 404 for an unknown or revoked token; 304 with `If-None-Match`; at most 120 fetches an hour per feed (429).',
        tags: ['Calendar feed'],
        access: 'public',
        produces: ['text/calendar'],
      },
      async ({ params }, c) => serveFeed(deps, params.feed, c.req.header('if-none-match')),
    ),
  ];
}
