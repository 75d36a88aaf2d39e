import * as v from 'valibot';
import { DateField, QueryFlag, ROLES, Text } from './admin-fields.js';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';
import {
  checkIban,
  isBic,
  isCreditorIdentifier,
  mandateReferenceProblem,
  normalizeBic,
  normalizeCreditorIdentifier,
  normalizeIban,
} from './sepa-identifiers.js';

// SEPA direct debit in the back office: a household's mandate (agents and admins), the town's
// creditor settings and the month's batch exported as a pain.008 file (admins).

const HouseholdParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

/** A month, `YYYY-MM`. */
export const MonthField = v.pipe(
  v.string('le mois doit être un texte'),
  v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'le mois doit être de la forme AAAA-MM'),
  v.check((month) => !month.startsWith('0000'), "l'année 0000 n'existe pas"),
);
const MonthParams = v.strictObject({ c: CollectivityParams.entries.c, month: MonthField });

const ibanIssue = (problem: string) => (input: string) => {
  const check = checkIban(input);
  return check.ok || check.problem !== problem;
};

/** An IBAN of a SEPA country, as typed (spaces, lower case); checked on its country's format and its check digits. */
export const IbanField = (label = "l'IBAN") =>
  v.pipe(
    v.string(`${label} doit être un texte`),
    v.transform(normalizeIban),
    v.minLength(1, `${label} est obligatoire`),
    v.check(ibanIssue('format'), `${label} doit commencer par le code du pays et deux chiffres (FR76…)`),
    v.check(ibanIssue('country'), `${label} doit être celui d'un compte de la zone SEPA`),
    v.check(ibanIssue('length'), `${label} n'a pas le nombre de caractères de son pays (27 en France)`),
    v.check(ibanIssue('checksum'), `${label} est invalide : vérifiez chaque caractère (clé de contrôle fausse)`),
  );

/** A BIC, optional: `null` or absent when the family does not know it (the file then says NOTPROVIDED). */
export const BicField = (label = 'le BIC') =>
  v.optional(
    v.nullable(
      v.pipe(
        v.string(`${label} doit être un texte`),
        v.transform(normalizeBic),
        v.check(isBic, `${label} doit avoir 8 ou 11 caractères (ex. BNPAFRPPXXX)`),
      ),
    ),
  );

/** A SEPA creditor identifier (ICS), e.g. `FR72ZZZ123456`. */
export const CreditorIdentifierField = v.pipe(
  v.string("l'identifiant créancier SEPA doit être un texte"),
  v.transform(normalizeCreditorIdentifier),
  v.check(
    isCreditorIdentifier,
    "l'identifiant créancier SEPA (ICS) est invalide : il a la forme FRkkZZZnnnnnn et sa clé doit être juste",
  ),
);

const REFERENCE_MESSAGES = {
  empty: 'la référence unique de mandat (RUM) est obligatoire',
  too_long: 'la référence unique de mandat (RUM) dépasse 35 caractères',
  characters:
    "la référence unique de mandat (RUM) ne peut contenir que des lettres sans accent, des chiffres, des espaces intérieurs et + ? / - : ( ) . , '",
  slashes: 'la référence unique de mandat (RUM) ne peut ni commencer ni finir par « / », ni contenir « // »',
} as const;

/** A unique mandate reference (RUM). */
export const MandateReferenceField = v.pipe(
  v.string('la référence unique de mandat (RUM) doit être un texte'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = mandateReferenceProblem(dataset.value);
    if (problem) addIssue({ message: REFERENCE_MESSAGES[problem] });
  }),
);

/** A mandate the family signed, as an agent records it from the paper form. */
export const MandateInput = v.strictObject({
  iban: IbanField(),
  bic: BicField(),
  accountHolder: Text('le titulaire du compte', 70),
  reference: MandateReferenceField,
  signedOn: DateField('la date de signature du mandat'),
});
export type MandateInput = v.InferInput<typeof MandateInput>;

/**
 * A SEPA mandate. `iban` is masked (`FR76 •••• … 189`) unless the agent asked to see it
 * (`reveal=true`, which the audit log records).
 */
export const Mandate = v.object({
  id: Id,
  reference: v.string(),
  accountHolder: v.string(),
  iban: v.string(),
  ibanRevealed: v.boolean(),
  bic: v.nullable(v.string()),
  signedOn: LocalDate,
  createdAt: Instant,
  revokedAt: v.nullable(Instant),
  /** How many invoices were collected under it: the first batch is `FRST`, the next ones `RCUR`. */
  collections: v.number(),
});
export type Mandate = v.InferOutput<typeof Mandate>;

/** A household's mandate in force (or `null`) and the revoked ones, newest first. */
export const HouseholdMandates = v.object({ mandate: v.nullable(Mandate), revoked: v.array(Mandate) });
export type HouseholdMandates = v.InferOutput<typeof HouseholdMandates>;

/** The town as the creditor of its direct debits; every field `null` until an admin sets them. */
export const CreditorSettings = v.object({
  name: v.nullable(v.string()),
  iban: v.nullable(v.string()),
  bic: v.nullable(v.string()),
  identifier: v.nullable(v.string()),
});
export type CreditorSettings = v.InferOutput<typeof CreditorSettings>;

export const CreditorInput = v.strictObject({
  name: Text('le nom du créancier', 70),
  iban: IbanField("l'IBAN de la régie"),
  bic: BicField('le BIC de la régie'),
  identifier: CreditorIdentifierField,
});

/** A month's batch: created once, exported as often as needed, always the same file. */
export const DirectDebitBatch = v.object({
  id: Id,
  month: v.string(),
  collectionDate: LocalDate,
  messageId: v.string(),
  createdAt: Instant,
  invoiceCount: v.number(),
  totalCents: v.number(),
  /** Collections that are the first under their mandate (`FRST`). */
  firstCollections: v.number(),
});
export type DirectDebitBatch = v.InferOutput<typeof DirectDebitBatch>;

const Tally = v.object({ invoiceCount: v.number(), totalCents: v.number() });

/**
 * A month's direct debits: its batch once created; before, what it would collect (`ready`:
 * unpaid issued invoices of households with a mandate in force) and what stays to pay otherwise.
 */
export const DirectDebitMonth = v.object({
  month: v.string(),
  creditorReady: v.boolean(),
  batch: v.nullable(DirectDebitBatch),
  ready: Tally,
  withoutMandate: Tally,
});
export type DirectDebitMonth = v.InferOutput<typeof DirectDebitMonth>;

export const BatchInput = v.strictObject({
  month: MonthField,
  collectionDate: DateField('la date de prélèvement'),
});

const office = ROLES.office;
const admin = ROLES.admin;

export const getMandate = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/households/:id/mandate',
  params: HouseholdParams,
  query: v.strictObject({ reveal: QueryFlag }),
  response: HouseholdMandates,
  roles: office,
});
export const createMandate = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/households/:id/mandate',
  params: HouseholdParams,
  body: MandateInput,
  response: Mandate,
  status: 201,
  roles: office,
});
export const revokeMandate = endpoint({
  method: 'DELETE',
  path: '/v1/collectivities/:c/admin/households/:id/mandate',
  params: HouseholdParams,
  response: Mandate,
  roles: office,
});
export const getCreditor = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/direct-debits/creditor',
  params: CollectivityParams,
  response: CreditorSettings,
  roles: admin,
});
export const setCreditor = endpoint({
  method: 'PUT',
  path: '/v1/collectivities/:c/admin/direct-debits/creditor',
  params: CollectivityParams,
  body: CreditorInput,
  response: CreditorSettings,
  roles: admin,
});
export const getMonth = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/direct-debits/:month',
  params: MonthParams,
  response: DirectDebitMonth,
  roles: admin,
});
/** Creates the month's batch: marks its invoices « prélevée le … », once; a second call answers 409. */
export const createBatch = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/direct-debits',
  params: CollectivityParams,
  body: BatchInput,
  response: DirectDebitBatch,
  status: 201,
  roles: admin,
});
/** The batch's ISO 20022 pain.008.001.02 file, the same bytes at every download. */
export const downloadPain008 = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/direct-debits/:month/pain.008',
  params: MonthParams,
  status: 200,
  roles: admin,
});
