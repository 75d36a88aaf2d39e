import * as v from 'valibot';
import { Attendance } from './calendar.js';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

/** The roll call is taken by animators, agents and admins; the kitchen counts meals instead. */
const ROLL_CALL_ROLES = ['admin', 'agent', 'animator'] as const;

/** An activity the roll call can be taken for, with its site. */
export const RollCallActivity = v.object({
  id: Id,
  code: v.string(),
  name: v.string(),
  site: v.object({ id: Id, name: v.string() }),
  /** The price of a day when a child comes without booking; null: no surcharge. */
  walkInSurchargeCents: v.nullable(v.number()),
});

/** A child expected (booked) or added at the roll call, with the day's mark. */
export const RollCallChild = v.object({
  child: v.object({ id: Id, firstName: v.string(), lastName: v.string() }),
  bookingId: Id,
  /** `cancel_requested`: the family reported an absence late, not decided yet. */
  status: v.string(),
  /** Came without booking: added at the roll call. */
  walkIn: v.boolean(),
  attendance: v.nullable(Attendance),
  /** The version the next mark must name (`seenVersion`); 0 before any mark. */
  version: v.number(),
  recordedAt: v.nullable(Instant),
  recordedBy: v.nullable(v.string()),
  absenceReason: v.nullable(v.string()),
  /** Null when the caller's role does not see health data. */
  allergies: v.nullable(v.array(v.string())),
  carePlan: v.nullable(v.boolean()),
});
export type RollCallChild = v.InferOutput<typeof RollCallChild>;

export const RollCall = v.object({
  date: LocalDate,
  activity: RollCallActivity,
  /** Whether allergies and care plans are shown to the caller's role. */
  healthVisible: v.boolean(),
  children: v.array(RollCallChild),
  /** Children enrolled in the activity that day but not booked: who may be added as walk-ins. */
  enrolled: v.array(v.object({ id: Id, firstName: v.string(), lastName: v.string() })),
});
export type RollCall = v.InferOutput<typeof RollCall>;

export const RollCallQuery = v.strictObject({ date: LocalDate, activity: Id });

/**
 * One mark, sent under an id the device chose (a UUID): sending it again changes nothing and
 * answers the same. `seenVersion` is the day's version the agent saw; if another agent marked
 * the child since, the answer is 409 `attendance_conflict` with the current mark.
 */
export const RollCallMark = v.strictObject({
  childId: Id,
  activityId: Id,
  date: LocalDate,
  attendance: Attendance,
  seenVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type RollCallMark = v.InferOutput<typeof RollCallMark>;

export const RollCallMarkResult = v.object({
  markId: Id,
  bookingId: Id,
  childId: Id,
  attendance: Attendance,
  version: v.number(),
  recordedAt: Instant,
  walkIn: v.boolean(),
  /** True when this mark id had been applied before: nothing was written this time. */
  replayed: v.boolean(),
});
export type RollCallMarkResult = v.InferOutput<typeof RollCallMarkResult>;

/** What a 409 `attendance_conflict` carries: the mark another agent made. */
export const AttendanceConflict = v.object({
  current: v.object({
    attendance: v.nullable(Attendance),
    version: v.number(),
    recordedAt: v.nullable(Instant),
    recordedBy: v.nullable(v.string()),
  }),
});

export const listRollCallActivities = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/roll-call/activities',
  params: CollectivityParams,
  response: v.object({ activities: v.array(RollCallActivity) }),
  roles: [...ROLL_CALL_ROLES],
});
export const getRollCall = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/roll-call',
  params: CollectivityParams,
  query: RollCallQuery,
  response: RollCall,
  roles: [...ROLL_CALL_ROLES],
});
export const putRollCallMark = endpoint({
  method: 'PUT',
  path: '/v1/collectivities/:c/admin/roll-call/marks/:markId',
  params: v.strictObject({ c: CollectivityParams.entries.c, markId: Id }),
  body: RollCallMark,
  response: RollCallMarkResult,
  roles: [...ROLL_CALL_ROLES],
});
