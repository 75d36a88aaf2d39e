import { adminRollCall } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, route } from '../../lib/route.js';
import { agentRoleScope } from '../../lib/scope.js';
import { siteAccessOf } from '../admin-agents/agent-sites.js';
import { recordMark } from './mark.js';
import { rollCall, rollCallActivities } from './roll-call.js';

const tags = ['Agent: roll call'];

/**
 * The roll call ("pointage"), made for a tablet: read the day, then one mark per tap. An
 * animator sees and marks only the activities of their sites (403 for another site's).
 */
export function rollCallRoutes(deps: AppDeps): Route[] {
  return [
    route(
      adminRollCall.listRollCallActivities,
      {
        summary: 'Activities a roll call can be taken for',
        description: 'An animator gets only those of their sites (none when no site is assigned).',
        tags,
        access: 'agent',
      },
      async (_input, c) => {
        const scope = agentRoleScope(c);
        return rollCallActivities(deps.db, scope.collectivityId, await siteAccessOf(deps.db, scope));
      },
    ),
    route(
      adminRollCall.getRollCall,
      {
        summary: "An activity's roll call on a day",
        description:
          'The children expected (booked, holds still running, late absences not decided) and the walk-ins, each with the mark and its version, and the enrolled children who may be added. Allergies and care plans only for admins and animators; such a read is recorded in the audit log. An activity of a site that is not one of an animator’s answers 403.',
        tags,
        access: 'agent',
      },
      async ({ query }, c) => {
        const scope = agentRoleScope(c);
        return rollCall(deps.db, { ...scope, sites: await siteAccessOf(deps.db, scope) }, query, deps.clock.now());
      },
    ),
    route(
      adminRollCall.putRollCallMark,
      {
        summary: 'Mark a child present or absent',
        description:
          'Idempotent: the mark id is chosen by the device, and the same mark sent again answers the same (`replayed: true`) and writes nothing. `seenVersion` is the version the agent saw: a different mark made since by someone else answers 409 `attendance_conflict` with it. A child present without booking is added as a walk-in, billed at the activity’s surcharge when it has one; an absence of a child not expected answers 409 `not_booked`. An activity of a site that is not one of an animator’s answers 403.',
        tags,
        access: 'agent',
      },
      async ({ params, body }, c) => {
        const scope = agentRoleScope(c);
        const sites = await siteAccessOf(deps.db, scope);
        return recordMark(deps.db, { ...scope, sites }, params.markId, body, deps.clock.now());
      },
    ),
  ];
}
