import * as v from 'valibot';
import { CollectivityParams, Email, Id, Instant, LocalDate, Phone, ShortText } from './common.js';
import { endpoint } from './endpoint.js';

export const NewGuardian = v.strictObject({
  firstName: ShortText(100),
  lastName: ShortText(100),
  email: Email,
  phone: v.optional(Phone),
  relationship: v.optional(ShortText(50)),
});

export const NewChild = v.strictObject({
  firstName: ShortText(100),
  lastName: ShortText(100),
  birthDate: LocalDate,
  school: v.optional(ShortText(200)),
  schoolClass: v.optional(ShortText(50)),
});

export const Address = v.strictObject({
  line1: ShortText(200),
  line2: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
  postalCode: v.pipe(v.string(), v.regex(/^\d{5}$/, 'must be a 5-digit postal code')),
  city: ShortText(100),
});

/** An agent creates a household with its first guardian, who is invited by email. */
export const CreateHouseholdBody = v.strictObject({
  name: ShortText(200),
  department: v.optional(v.pipe(v.string(), v.regex(/^(\d{2}|2A|2B|97\d)$/, 'must be a French department code'))),
  address: v.optional(Address),
  familyQuotient: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
  resident: v.optional(v.boolean()),
  /** The family's id in the collectivity's previous software, unique in the collectivity. */
  externalId: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))),
  guardian: NewGuardian,
  children: v.optional(v.pipe(v.array(NewChild), v.maxLength(20))),
});

export const HouseholdCreated = v.object({
  household: v.object({ id: Id, name: v.string() }),
  guardian: v.object({ id: Id, email: v.string() }),
  children: v.array(v.object({ id: Id, firstName: v.string() })),
  invitation: v.object({ email: v.string(), expiresAt: Instant }),
});

export const createHousehold = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/households',
  params: CollectivityParams,
  body: CreateHouseholdBody,
  response: HouseholdCreated,
  status: 201,
  roles: ['admin', 'agent'],
});

const HouseholdParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

/** Why the household is anonymised (the family's request, the retention period…), kept in the audit log. */
export const AnonymiseHouseholdBody = v.strictObject({
  reason: ShortText(500),
});

export const HouseholdAnonymised = v.object({
  householdId: Id,
  /** When it was anonymised: the first call's instant, also on a repeated call. */
  anonymisedAt: Instant,
  /** True when an earlier call had already anonymised it (nothing changed this time). */
  alreadyAnonymised: v.boolean(),
});
export type HouseholdAnonymised = v.InferOutput<typeof HouseholdAnonymised>;

/**
 * Erases a household's personal data on request (GDPR right to erasure): names, contacts, address,
 * children's identities and health data, request texts and documents; disables its accounts.
 * Invoices and credit notes are kept as the law requires; bookings stay, anonymous, for statistics.
 * Idempotent.
 */
export const anonymiseHousehold = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/households/:id/anonymise',
  params: HouseholdParams,
  body: AnonymiseHouseholdBody,
  response: HouseholdAnonymised,
  status: 200,
  roles: ['admin', 'agent'],
});
