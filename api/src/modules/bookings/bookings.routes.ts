import { bookings } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, route } from '../../lib/route.js';
import { householdScope } from '../../lib/scope.js';
import { checkQueryRange, MAX_RANGE_DAYS } from '../calendar/date-range.js';
import { householdBookings } from './household-bookings.js';

export function bookingRoutes(deps: AppDeps): Route[] {
  return [
    route(
      bookings.listBookings,
      {
        summary: "My household's bookings",
        description: `The bookings from \`from\` to \`to\` (${MAX_RANGE_DAYS} days at most), of every child or of \`child\`, of every status or of \`status\`, by date. A payment hold that has run out reads \`expired\`.`,
        tags: ['Bookings'],
        access: 'parent',
      },
      async ({ query }, c) => {
        checkQueryRange(query.from, query.to);
        return {
          bookings: await householdBookings(
            deps.db,
            householdScope(c),
            { from: query.from, to: query.to, childId: query.child, status: query.status },
            deps.clock.now(),
          ),
        };
      },
    ),
  ];
}
