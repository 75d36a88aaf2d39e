import { calendar } from '@foyer/sdk/contract';
import * as v from 'valibot';
import type { AppDeps } from '../../deps.js';
import { acceptsGzip } from '../../lib/content-coding.js';
import { type Route, route } from '../../lib/route.js';
import { householdScope, requireCollectivity } from '../../lib/scope.js';
import { ChildCalendars } from './child-calendar.js';
import { checkQueryRange, MAX_RANGE_DAYS } from './date-range.js';

export function calendarRoutes(deps: AppDeps): Route[] {
  const calendars = new ChildCalendars(deps);
  return [
    route(
      calendar.getCalendar,
      {
        summary: "A child's calendar",
        description: `One cell per date and activity the child is enrolled in (optionally of one service), from \`from\` to \`to\` (${MAX_RANGE_DAYS} days at most): whether the day is open, booked, full or cancelled, what can be done now and until when, the price, the places left, the attendance of past days and the change waiting in the cart.`,
        tags: ['Calendar'],
        access: 'parent',
      },
      async ({ params, query }, c) => {
        checkQueryRange(query.from, query.to);
        const scope = householdScope(c);
        const rendered = await calendars.render(requireCollectivity(c), {
          householdId: scope.householdId,
          childId: params.id,
          from: query.from,
          to: query.to,
          serviceId: query.service,
          now: deps.clock.now(),
        });
        // The body is served as text (it may come from the cache): check what was computed.
        if (rendered.computed && deps.config.env !== 'production') v.parse(calendar.Calendar, rendered.computed);
        // A month is ~45 kB of JSON and ~3 kB gzipped: a phone on a slow network gets the small
        // one. Bytes are passed as a Uint8Array (not its ArrayBuffer): @hono/node-server then
        // writes them as they are, without building a web Response and its stream.
        c.header('Vary', 'Accept-Encoding', { append: true });
        if (acceptsGzip(c.req.header('accept-encoding'))) {
          return c.body(await rendered.gzipped(), 200, {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Encoding': 'gzip',
          });
        }
        return c.body(rendered.body(), 200, { 'Content-Type': 'application/json; charset=utf-8' });
      },
    ),
  ];
}
