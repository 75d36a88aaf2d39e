import { adminRollCall } from '@foyer/sdk/contract';
import type { Context } from 'hono';
import type { AppDeps } from '../../deps.js';
import type { AppEnv } from '../../lib/app-env.js';
import { type Route, route } from '../../lib/route.js';
import { agentScope } from '../../lib/scope.js';
import { recordMark } from './mark.js';
import { rollCall, rollCallActivities } from './roll-call.js';

const tags = ['Agent: roll call'];

function roleOf(c: Context<AppEnv>) {
  const role = c.get('agentRole');
  if (!role) throw new Error(`${c.req.routePath}: no agent role in scope`);
  return role;
}

/** The roll call ("pointage"), made for a tablet: read the day, then one mark per tap. */
export function rollCallRoutes(deps: AppDeps): Route[] {
  return [
    route(
      adminRollCall.listRollCallActivities,
      { summary: 'Activities a roll call can be taken for', tags, access: 'agent' },
      async (_input, c) => rollCallActivities(deps.db, agentScope(c).collectivityId),
    ),
    route(
      adminRollCall.getRollCall,
      {
        summary: "An activity's roll call on a day",
        description:
          'The children expected (booked, holds still running, late absences not decided) and the walk-ins, each with the mark and its version, and the enrolled children who may be added. Allergies and care plans only for admins and animators; such a read is recorded in the audit log.',
        tags,
        access: 'agent',
      },
      async ({ query }, c) => rollCall(deps.db, { ...agentScope(c), role: roleOf(c) }, query, deps.clock.now()),
    ),
    route(
      adminRollCall.putRollCallMark,
      {
        summary: 'Mark a child present or absent',
        description:
          'Idempotent: the mark id is chosen by the device, and the same mark sent again answers the same (`replayed: true`) and writes nothing. `seenVersion` is the version the agent saw: a different mark made since by someone else answers 409 `attendance_conflict` with it. A child present without booking is added as a walk-in, billed at the activity’s surcharge when it has one; an absence of a child not expected answers 409 `not_booked`.',
        tags,
        access: 'agent',
      },
      async ({ params, body }, c) => recordMark(deps.db, agentScope(c), params.markId, body, deps.clock.now()),
    ),
  ];
}
