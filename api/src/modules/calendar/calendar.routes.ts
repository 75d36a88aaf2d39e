import { calendar } from '@foyer/sdk/contract';
import * as v from 'valibot';
import type { AppDeps } from '../../deps.js';
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
        const { body, computed } = await calendars.render(requireCollectivity(c), {
          householdId: scope.householdId,
          childId: params.id,
          from: query.from,
          to: query.to,
          serviceId: query.service,
          now: deps.clock.now(),
        });
        // The body is served as text (it may come from the cache): check what was computed.
        if (computed && deps.config.env !== 'production') v.parse(calendar.Calendar, computed);
        // `TextEncoder.encode` returns a view over a buffer of its own, exactly its length.
        return c.body(body.buffer as ArrayBuffer, 200, { 'Content-Type': 'application/json; charset=utf-8' });
      },
    ),
  ];
}
