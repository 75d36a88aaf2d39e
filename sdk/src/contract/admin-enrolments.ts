import * as v from 'valibot';
import { AdminEnrolment } from './admin-families.js';
import { DateField, IdField, OptionalText, QueryFlag, ROLES } from './admin-fields.js';
import { CollectivityParams, Id } from './common.js';
import { endpoint } from './endpoint.js';

// Enrolments: a child in an activity for a period (child × activity × period), with the school
// and class of that period. An enrolment is what lets a family book the activity's days.
// Ending one keeps it (bookings of the past stay explained); it no longer opens new days.

const IdParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

export const EnrolmentInput = v.strictObject({
  childId: IdField("l'enfant"),
  activityId: IdField("l'activité"),
  from: DateField("le début de l'inscription"),
  to: DateField("la fin de l'inscription"),
  school: OptionalText("l'école", 200),
  schoolClass: OptionalText('la classe', 50),
});
export type EnrolmentInput = v.InferOutput<typeof EnrolmentInput>;

export const EnrolmentPatch = v.strictObject({
  from: v.optional(DateField("le début de l'inscription")),
  to: v.optional(DateField("la fin de l'inscription")),
  school: OptionalText("l'école", 200),
  schoolClass: OptionalText('la classe', 50),
});

export const EnrolmentListQuery = v.strictObject({
  child: v.optional(Id),
  household: v.optional(Id),
  activity: v.optional(Id),
  includeEnded: QueryFlag,
});

export const listEnrolments = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/enrolments',
  params: CollectivityParams,
  query: EnrolmentListQuery,
  response: v.object({ enrolments: v.array(AdminEnrolment) }),
  roles: ROLES.office,
});
export const createEnrolment = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/enrolments',
  params: CollectivityParams,
  body: EnrolmentInput,
  response: AdminEnrolment,
  status: 201,
  roles: ROLES.office,
});
export const updateEnrolment = endpoint({
  method: 'PATCH',
  path: '/v1/collectivities/:c/admin/enrolments/:id',
  params: IdParams,
  body: EnrolmentPatch,
  response: AdminEnrolment,
  roles: ROLES.office,
});
/** Ends an enrolment: its days can no longer be booked; bookings already made stay. */
export const endEnrolment = endpoint({
  method: 'DELETE',
  path: '/v1/collectivities/:c/admin/enrolments/:id',
  params: IdParams,
  roles: ROLES.office,
});
