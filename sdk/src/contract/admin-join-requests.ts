import * as v from 'valibot';
import { DateField, IdField, OptionalText, PhoneField, ROLES, Text } from './admin-fields.js';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

// "Adhérer à une autre collectivité": a signed-in parent asks a town that uses Foyer to take
// their family in; the town's agents accept it (linking an existing household or creating one)
// or refuse it with a reason. Once accepted, the town is among the parent's memberships.

const IdParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

export const JoinRequestInput = v.strictObject({
  householdName: Text('le nom du foyer'),
  firstName: Text('le prénom', 100),
  lastName: Text('le nom', 100),
  phone: v.optional(PhoneField()),
  address: OptionalText("l'adresse", 300),
  children: v.pipe(
    v.array(
      v.strictObject({
        firstName: Text("le prénom de l'enfant", 100),
        lastName: Text("le nom de l'enfant", 100),
        birthDate: DateField("la date de naissance de l'enfant"),
      }),
    ),
    v.maxLength(20, 'au plus 20 enfants'),
  ),
  message: OptionalText('le message', 2000),
});

export const JoinRequestStatus = v.picklist(['pending', 'accepted', 'refused']);

/** A join request as the parent and the agents see it. */
export const JoinRequest = v.object({
  id: Id,
  status: JoinRequestStatus,
  collectivity: v.object({ slug: v.string(), name: v.string() }),
  email: v.string(),
  householdName: v.string(),
  firstName: v.string(),
  lastName: v.string(),
  phone: v.nullable(v.string()),
  address: v.nullable(v.string()),
  children: v.array(v.object({ firstName: v.string(), lastName: v.string(), birthDate: LocalDate })),
  message: v.nullable(v.string()),
  /** The household the request was linked to, once accepted. */
  householdId: v.nullable(Id),
  refusalReason: v.nullable(v.string()),
  createdAt: Instant,
  decidedAt: v.nullable(Instant),
});
export type JoinRequest = v.InferOutput<typeof JoinRequest>;

/** Accepting links the account to an existing household (`householdId`) or creates one from the request. */
export const AcceptJoinRequest = v.strictObject({ householdId: v.optional(IdField('le foyer')) });
export const RefuseJoinRequest = v.strictObject({ reason: Text('le motif du refus', 1000) });

/** A signed-in parent asks `:c` to take their family in. */
export const createJoinRequest = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/join-requests',
  params: CollectivityParams,
  body: JoinRequestInput,
  response: JoinRequest,
  status: 201,
});
/** The caller's own requests to `:c`, newest first. */
export const listMyJoinRequests = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/join-requests',
  params: CollectivityParams,
  response: v.object({ joinRequests: v.array(JoinRequest) }),
});

export const listJoinRequests = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/join-requests',
  params: CollectivityParams,
  query: v.strictObject({ status: v.optional(JoinRequestStatus) }),
  response: v.object({ joinRequests: v.array(JoinRequest) }),
  roles: ROLES.office,
});
export const acceptJoinRequest = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/join-requests/:id/accept',
  params: IdParams,
  body: AcceptJoinRequest,
  response: JoinRequest,
  roles: ROLES.office,
});
export const refuseJoinRequest = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/join-requests/:id/refuse',
  params: IdParams,
  body: RefuseJoinRequest,
  response: JoinRequest,
  roles: ROLES.office,
});
