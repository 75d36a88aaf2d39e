import { adminBookings } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, route } from '../../lib/route.js';
import { agentRoleScope, agentScope, requireCollectivity } from '../../lib/scope.js';
import { siteAccessOf } from '../admin-agents/agent-sites.js';
import { dayList } from './day-list.js';
import { decideLateCancellation, listLateCancellations } from './late-cancellations.js';
import { listWaitlists, promoteFromWaitlist } from './waitlists.js';

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
          'Per activity (or one): booked children, pending payments and late cancellations or absences not yet decided, with allergies, care-plan flag and attendance. Each read is recorded in the audit log, since it shows health data. An animator gets only the activities of their sites (nothing without one) and 403 for an activity of another site; the kitchen gets only the meals (canteen activities), without the care-plan flag (`carePlan: null`), and 403 for another activity.',
        tags: ['Agent: bookings'],
        access: 'agent',
      },
      async ({ query }, c) => {
        const scope = agentRoleScope(c);
        return dayList(deps.db, { ...scope, sites: await siteAccessOf(deps.db, scope) }, query, deps.clock.now());
      },
    ),
    route(
      adminBookings.listWaitlists,
      {
        summary: 'The waiting lists of full days',
        description:
          'From today for 62 days unless `from`/`to` say otherwise (62 days at most): per activity-day, the children waiting in the order places are given (by checkout instant), and those promoted, when and by whom (`promotedBy: null`: given automatically when a place was freed).',
        tags: ['Agent: bookings'],
        access: 'agent',
      },
      async ({ query }, c) => listWaitlists(deps.db, requireCollectivity(c), query, deps.clock.now()),
    ),
    route(
      adminBookings.promoteFromWaitlist,
      {
        summary: 'Give a waiting child a place',
        description:
          'Out of the list’s order if need be. A postpaid day is booked at once; a prepaid one is held 24 hours with a payment link sent to the family. 409 `day_full` when no place is free, unless `overCapacity: true`; 409 `not_waitlisted` when the child is no longer waiting. Audited; the family is told by email.',
        tags: ['Agent: bookings'],
        access: 'agent',
      },
      async ({ params, body }, c) =>
        promoteFromWaitlist(deps, {
          collectivity: requireCollectivity(c),
          agentAccountId: agentScope(c).accountId,
          bookingId: params.id,
          overCapacity: body.overCapacity ?? false,
        }),
    ),
  ];
}
