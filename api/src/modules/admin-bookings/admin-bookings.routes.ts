import { adminBookings } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, route } from '../../lib/route.js';
import { agentScope, requireCollectivity } from '../../lib/scope.js';
import { dayList } from './day-list.js';
import { decideLateCancellation, listLateCancellations } from './late-cancellations.js';

export function adminBookingRoutes(deps: AppDeps): Route[] {
  return [
    route(
      adminBookings.listLateCancellations,
      {
        summary: 'List late cancellations waiting for a decision',
        description:
          'Cancellations asked after the deadline and absences reported late, oldest request first, with the price at stake and the reason the family gave.',
        tags: ['Agent: bookings'],
        access: 'agent',
      },
      async ({ query }, c) => listLateCancellations(deps.db, agentScope(c).collectivityId, query),
    ),
    route(
      adminBookings.decideLateCancellation,
      {
        summary: 'Accept or reject a late cancellation',
        description:
          'Accepting cancels the booking, issues a credit note when `refund` is true and gives the freed place to the waiting list; rejecting keeps the booking (a reason is required). The family is told by email. A booking already decided answers 409.',
        tags: ['Agent: bookings'],
        access: 'agent',
      },
      async ({ params, body }, c) =>
        decideLateCancellation(deps, {
          collectivity: requireCollectivity(c),
          agentAccountId: agentScope(c).accountId,
          bookingId: params.id,
          decision: body,
        }),
    ),
    route(
      adminBookings.getDayList,
      {
        summary: "The day's list of expected children",
        description:
          'Per activity (or one): booked children, pending payments and late cancellations or absences not yet decided, with allergies, care-plan flag and attendance. Each read is recorded in the audit log, since it shows health data.',
        tags: ['Agent: bookings'],
        access: 'agent',
      },
      async ({ query }, c) => dayList(deps.db, agentScope(c), query, deps.clock.now()),
    ),
  ];
}
