import * as v from 'valibot';
import { isCalendarDay } from './common.js';
import { AGENT_ROLES, type AgentRole } from './endpoint.js';

// The back office's forms speak French and name the field in every message ("le nom est
// obligatoire"), so that an agent can act on an error without knowing the API's field names.

/** A required text, trimmed: `label` is the field as an agent reads it ("le nom"). */
export const Text = (label: string, max = 200) =>
  v.pipe(
    v.string(`${label} doit être un texte`),
    v.trim(),
    v.minLength(1, `${label} est obligatoire`),
    v.maxLength(max, `${label} dépasse ${max} caractères`),
  );

/** An optional text that `null` clears. */
export const OptionalText = (label: string, max = 200) => v.optional(v.nullable(Text(label, max)));

/** A whole number within bounds. */
export const Int = (label: string, min: number, max: number) =>
  v.pipe(
    v.number(`${label} doit être un nombre`),
    v.integer(`${label} doit être un nombre entier`),
    v.minValue(min, `${label} doit être au moins ${min}`),
    v.maxValue(max, `${label} doit être au plus ${max}`),
  );

/** A calendar date `YYYY-MM-DD`. */
export const DateField = (label: string) =>
  v.pipe(
    v.string(`${label} doit être une date`),
    v.isoDate(`${label} doit être une date AAAA-MM-JJ`),
    v.check(isCalendarDay, `${label} n'existe pas dans le calendrier`),
  );

/** An instant, ISO 8601 with offset. */
export const InstantField = (label: string) =>
  v.pipe(v.string(`${label} doit être une date et une heure`), v.isoTimestamp(`${label} doit être une date et heure ISO 8601`));

/** A time of day `HH:MM`. */
export const TimeField = (label: string) =>
  v.pipe(v.string(`${label} doit être une heure`), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label} doit être une heure HH:MM`));

/** An email address, trimmed. */
export const EmailField = (label = "l'adresse e-mail") =>
  v.pipe(v.string(`${label} doit être un texte`), v.trim(), v.maxLength(254), v.email(`${label} n'est pas une adresse e-mail`));

/** A phone number as typed by a person. */
export const PhoneField = (label = 'le téléphone') =>
  v.pipe(v.string(), v.trim(), v.regex(/^\+?[0-9 .()-]{6,20}$/, `${label} n'est pas un numéro de téléphone`));

/** A UUID chosen from a list (a service, a site…). */
export const IdField = (label: string) => v.pipe(v.string(`${label} est obligatoire`), v.uuid(`${label} est inconnu`));

/** A postal address in France. */
export const AddressField = v.strictObject({
  line1: Text("l'adresse"),
  line2: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, "le complément d'adresse dépasse 200 caractères"))),
  postalCode: v.pipe(v.string(), v.regex(/^\d{5}$/, 'le code postal doit avoir 5 chiffres')),
  city: Text('la commune', 100),
});

/** A boolean query parameter, `true` or `false`. */
export const QueryFlag = v.optional(
  v.pipe(
    v.picklist(['true', 'false'], 'doit valoir true ou false'),
    v.transform((flag) => flag === 'true'),
  ),
);

/** An agent role. */
export const AgentRoleField = v.picklist(AGENT_ROLES, 'le rôle doit être admin, agent, kitchen ou animator');

/** Who may use the catalog's screens, the families' screens and everything. */
export const ROLES = {
  admin: ['admin'],
  office: ['admin', 'agent'],
} as const satisfies Record<string, readonly AgentRole[]>;
