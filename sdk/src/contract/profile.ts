import * as v from 'valibot';
import { CollectivityParams, Email, Id, Password, Phone, ShortText, Slug } from './common.js';
import { endpoint } from './endpoint.js';
import { Guardian, Household } from './household.js';

/**
 * The family profile a parent edits: household name, département and phone, guardians, and the
 * login email. The home address and children's health are not here: they change through a
 * request (`address`, `allergy` categories), checked by an agent with its document.
 */

/** A French département number: `01`–`95`, `2A`, `2B`, `971`–`976`. */
export const Department = v.pipe(
  v.string(),
  v.trim(),
  v.toUpperCase(),
  v.regex(/^(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])$/, 'must be a French département number'),
);

/** Fields to change; `null` clears one. Any other field (the address…) is refused. */
export const HouseholdUpdate = v.strictObject({
  name: v.optional(ShortText(120)),
  department: v.optional(v.nullable(Department)),
  phone: v.optional(v.nullable(Phone)),
});

const Nullable = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema));

export const GuardianBody = v.strictObject({
  firstName: ShortText(100),
  lastName: ShortText(100),
  /** Contact email; for a guardian who signs in, it is the login email and changes through `POST /v1/me/email`. */
  email: Nullable(Email),
  phoneMobile: Nullable(Phone),
  phoneHome: Nullable(Phone),
  phoneWork: Nullable(Phone),
  relationship: Nullable(ShortText(60)),
});
export const GuardianUpdate = v.partial(GuardianBody);

/** A single-use token from an email link, as pasted from the URL. */
const LinkToken = v.pipe(v.string(), v.minLength(20), v.maxLength(200), v.regex(/^[A-Za-z0-9_-]+$/, 'is not a valid link token'));

export const EmailChangeBody = v.strictObject({
  newEmail: Email,
  /** The current password: a stolen session alone cannot move the login elsewhere. */
  password: Password,
  /** The collectivity whose portal page the confirmation link should open. */
  collectivity: v.optional(Slug),
});
export const EmailChangeConfirmBody = v.strictObject({ token: LinkToken });

const GuardianParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

export const updateHousehold = endpoint({
  method: 'PATCH',
  path: '/v1/collectivities/:c/household',
  params: CollectivityParams,
  body: HouseholdUpdate,
  response: Household,
});
export const listGuardians = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/household/guardians',
  params: CollectivityParams,
  response: v.object({ guardians: v.array(Guardian) }),
});
export const createGuardian = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/household/guardians',
  params: CollectivityParams,
  body: GuardianBody,
  response: Guardian,
  status: 201,
});
export const updateGuardian = endpoint({
  method: 'PATCH',
  path: '/v1/collectivities/:c/household/guardians/:id',
  params: GuardianParams,
  body: GuardianUpdate,
  response: Guardian,
});

/**
 * Sends a confirmation link to the new address (valid 24 h, single use). The login changes only
 * when the link is confirmed. Answers 202 without saying whether the address is free.
 */
export const requestEmailChange = endpoint({
  method: 'POST',
  path: '/v1/me/email',
  body: EmailChangeBody,
  status: 202,
});
export const confirmEmailChange = endpoint({
  method: 'POST',
  path: '/v1/me/email/confirm',
  body: EmailChangeConfirmBody,
  response: v.object({ email: v.string() }),
});
