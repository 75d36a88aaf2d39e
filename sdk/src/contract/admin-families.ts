import * as v from 'valibot';
import { AddressField, DateField, EmailField, Int, OptionalText, PhoneField, QueryFlag, ROLES, Text } from './admin-fields.js';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

// The families' screens of the back office: search, one household's file, its guardians,
// children, family quotients and notes. Agents and admins.

const HouseholdParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });
const GuardianParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id, guardianId: Id });
const ChildParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id, childId: Id });

/** How a list of households is sorted; `-` first is descending. */
export const HouseholdSort = v.picklist(
  ['name', '-name', 'createdAt', '-createdAt'],
  'le tri doit être name, -name, createdAt ou -createdAt',
);

export const HouseholdListQuery = v.strictObject({
  /** Searches the household's name, its children's and guardians' names, and guardians' emails. */
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100))),
  sort: v.optional(HouseholdSort),
  archived: QueryFlag,
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: v.optional(v.pipe(v.string(), v.maxLength(100))),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, 'la taille de page est un nombre de 1 à 100'),
      v.transform(Number),
      v.minValue(1, 'la taille de page est un nombre de 1 à 100'),
      v.maxValue(100, 'la taille de page est un nombre de 1 à 100'),
    ),
  ),
});

/** A row of the households table. */
export const HouseholdSummary = v.object({
  id: Id,
  name: v.string(),
  externalId: v.nullable(v.string()),
  familyQuotient: v.nullable(v.number()),
  resident: v.boolean(),
  archived: v.boolean(),
  guardians: v.array(v.object({ id: Id, firstName: v.string(), lastName: v.string(), email: v.nullable(v.string()) })),
  children: v.array(v.object({ id: Id, firstName: v.string(), lastName: v.string() })),
  createdAt: Instant,
});
export type HouseholdSummary = v.InferOutput<typeof HouseholdSummary>;

/** A guardian with the state of their account: signs in, invited (until when) or neither. */
export const AdminGuardian = v.object({
  id: Id,
  firstName: v.string(),
  lastName: v.string(),
  email: v.nullable(v.string()),
  phone: v.nullable(v.string()),
  relationship: v.nullable(v.string()),
  account: v.picklist(['active', 'invited', 'none']),
  invitationExpiresAt: v.nullable(Instant),
});
export type AdminGuardian = v.InferOutput<typeof AdminGuardian>;

/** A child's enrolment in an activity for a period, with the school and class of that period. */
export const AdminEnrolment = v.object({
  id: Id,
  childId: Id,
  activity: v.object({ id: Id, code: v.string(), name: v.string() }),
  from: LocalDate,
  to: LocalDate,
  school: v.nullable(v.string()),
  schoolClass: v.nullable(v.string()),
  ended: v.boolean(),
});
export type AdminEnrolment = v.InferOutput<typeof AdminEnrolment>;

export const AdminChild = v.object({
  id: Id,
  firstName: v.string(),
  lastName: v.string(),
  birthDate: LocalDate,
  school: v.nullable(v.string()),
  schoolClass: v.nullable(v.string()),
  /** The town's diet group the kitchen counts the child in (`adminKitchen.setChildDiet`); null: none. */
  dietGroupId: v.nullable(Id),
  enrolments: v.array(AdminEnrolment),
});
export type AdminChild = v.InferOutput<typeof AdminChild>;

/** A family quotient and the date it applies from: prices follow the one in force on each day. */
export const QuotientEntry = v.object({ quotient: v.number(), appliesFrom: LocalDate, recordedAt: Instant });

export const HouseholdNote = v.object({
  id: Id,
  body: v.string(),
  author: v.nullable(v.string()),
  createdAt: Instant,
});

/** One household's file, as an agent opens it. */
export const HouseholdFile = v.object({
  id: Id,
  name: v.string(),
  externalId: v.nullable(v.string()),
  department: v.nullable(v.string()),
  address: v.nullable(v.object({ line1: v.string(), line2: v.optional(v.string()), postalCode: v.string(), city: v.string() })),
  phone: v.nullable(v.string()),
  resident: v.boolean(),
  archived: v.boolean(),
  /** The quotient in force today, `null` when none was given (the full rate applies). */
  familyQuotient: v.nullable(v.number()),
  quotients: v.array(QuotientEntry),
  guardians: v.array(AdminGuardian),
  children: v.array(AdminChild),
  notes: v.array(HouseholdNote),
  createdAt: Instant,
});
export type HouseholdFile = v.InferOutput<typeof HouseholdFile>;

export const HouseholdPatch = v.strictObject({
  name: v.optional(Text('le nom du foyer')),
  externalId: OptionalText("l'identifiant externe", 100),
  department: v.optional(
    v.nullable(v.pipe(v.string(), v.regex(/^(\d{2}|2A|2B|97\d)$/, 'le département doit être un code comme 69, 2A ou 974'))),
  ),
  address: v.optional(v.nullable(AddressField)),
  phone: v.optional(v.nullable(PhoneField())),
  resident: v.optional(v.boolean()),
  archived: v.optional(v.boolean()),
});

export const GuardianInput = v.strictObject({
  firstName: Text('le prénom', 100),
  lastName: Text('le nom', 100),
  email: v.optional(v.nullable(EmailField())),
  phone: v.optional(v.nullable(PhoneField())),
  relationship: OptionalText('le lien avec les enfants', 50),
  /** Emails an activation link at once (the guardian needs an email). */
  invite: v.optional(v.boolean()),
});
export const GuardianPatch = v.strictObject({
  firstName: v.optional(Text('le prénom', 100)),
  lastName: v.optional(Text('le nom', 100)),
  email: v.optional(v.nullable(EmailField())),
  phone: v.optional(v.nullable(PhoneField())),
  relationship: OptionalText('le lien avec les enfants', 50),
});

export const ChildInput = v.strictObject({
  firstName: Text('le prénom', 100),
  lastName: Text('le nom', 100),
  birthDate: DateField('la date de naissance'),
  school: OptionalText("l'école", 200),
  schoolClass: OptionalText('la classe', 50),
});
export const ChildPatch = v.strictObject(v.partial(ChildInput).entries);

export const QuotientInput = v.strictObject({
  quotient: Int('le quotient familial', 0, 100_000),
  appliesFrom: DateField("la date d'application du quotient"),
});

export const NoteInput = v.strictObject({ body: Text('la note', 5000) });

const office = ROLES.office;

export const listHouseholds = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/households',
  params: CollectivityParams,
  query: HouseholdListQuery,
  response: v.object({ items: v.array(HouseholdSummary), nextCursor: v.nullable(v.string()), total: v.number() }),
  roles: office,
});
export const getHousehold = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/households/:id',
  params: HouseholdParams,
  response: HouseholdFile,
  roles: office,
});
export const updateHousehold = endpoint({
  method: 'PATCH',
  path: '/v1/collectivities/:c/admin/households/:id',
  params: HouseholdParams,
  body: HouseholdPatch,
  response: HouseholdFile,
  roles: office,
});
export const createGuardian = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/households/:id/guardians',
  params: HouseholdParams,
  body: GuardianInput,
  response: AdminGuardian,
  status: 201,
  roles: office,
});
export const updateGuardian = endpoint({
  method: 'PATCH',
  path: '/v1/collectivities/:c/admin/households/:id/guardians/:guardianId',
  params: GuardianParams,
  body: GuardianPatch,
  response: AdminGuardian,
  roles: office,
});
/** Sends (or sends again) the activation link; a guardian who already signs in answers 409. */
export const inviteGuardian = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/households/:id/guardians/:guardianId/invite',
  params: GuardianParams,
  response: AdminGuardian,
  roles: office,
});
export const createChild = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/households/:id/children',
  params: HouseholdParams,
  body: ChildInput,
  response: AdminChild,
  status: 201,
  roles: office,
});
export const updateChild = endpoint({
  method: 'PATCH',
  path: '/v1/collectivities/:c/admin/households/:id/children/:childId',
  params: ChildParams,
  body: ChildPatch,
  response: AdminChild,
  roles: office,
});
export const setQuotient = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/households/:id/quotients',
  params: HouseholdParams,
  body: QuotientInput,
  response: HouseholdFile,
  status: 201,
  roles: office,
});
export const addNote = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/households/:id/notes',
  params: HouseholdParams,
  body: NoteInput,
  response: HouseholdNote,
  status: 201,
  roles: office,
});
