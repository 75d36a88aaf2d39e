import * as v from 'valibot';
import { CollectivityParams, Id, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

export const AddressOut = v.object({
  line1: v.string(),
  line2: v.optional(v.string()),
  postalCode: v.string(),
  city: v.string(),
});

export const Guardian = v.object({
  id: Id,
  firstName: v.string(),
  lastName: v.string(),
  email: v.nullable(v.string()),
  phoneMobile: v.nullable(v.string()),
  phoneHome: v.nullable(v.string()),
  phoneWork: v.nullable(v.string()),
  relationship: v.nullable(v.string()),
  /** True when this guardian signs in with an account. */
  hasAccount: v.boolean(),
});
export type Guardian = v.InferOutput<typeof Guardian>;

/** A family file as its parents see it. */
export const Household = v.object({
  id: Id,
  name: v.string(),
  department: v.nullable(v.string()),
  address: v.nullable(AddressOut),
  phone: v.nullable(v.string()),
  guardians: v.array(Guardian),
});
export type Household = v.InferOutput<typeof Household>;

export const Enrolment = v.object({
  id: Id,
  activity: v.object({ id: Id, code: v.string(), name: v.string() }),
  service: v.object({ id: Id, name: v.string() }),
  site: v.object({ id: Id, name: v.string() }),
  from: LocalDate,
  to: LocalDate,
});

export const Child = v.object({
  id: Id,
  firstName: v.string(),
  lastName: v.string(),
  birthDate: LocalDate,
  school: v.nullable(v.string()),
  schoolClass: v.nullable(v.string()),
  allergies: v.array(v.string()),
  carePlan: v.boolean(),
  carePlanNotes: v.nullable(v.string()),
  authorisedPickups: v.array(v.object({ name: v.string(), relationship: v.optional(v.string()), phone: v.optional(v.string()) })),
  enrolments: v.array(Enrolment),
});
export type Child = v.InferOutput<typeof Child>;

const ChildParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

export const getHousehold = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/household',
  params: CollectivityParams,
  response: Household,
});
export const listChildren = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/children',
  params: CollectivityParams,
  response: v.object({ children: v.array(Child) }),
});
export const getChild = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/children/:id',
  params: ChildParams,
  response: Child,
});

/** The name of the JSON document inside the export archive; documents go under `documents/`. */
export const EXPORT_DATA_FILE = 'foyer-export.json';

/**
 * Everything Foyer holds about the signed-in parent's household, as one ZIP archive (GDPR right
 * of access and portability): `foyer-export.json` and every document under `documents/`.
 */
export const exportHousehold = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/household/export',
  params: CollectivityParams,
  status: 200,
});
