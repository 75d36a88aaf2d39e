import * as v from 'valibot';
import type { AddressValue } from '../../db/schema.js';
import { isSiret, normalizeSiret } from '../../domain/siret.js';

// The town as the issuer of its invoices and credit notes: what a French invoice from a
// collectivity carries beside its name. Set by an operator (`foyer collectivity create|set`),
// printed in the head of every invoice PDF.

/** Who issues the town's documents; each part `null` until an operator sets it. */
export interface CollectivityIdentity {
  postalAddress: AddressValue | null;
  /** 14 digits, Luhn-checked. */
  siret: string | null;
  /** `05 36 49 12 34`, or an international number `+…` as typed without spaces. */
  servicePhone: string | null;
  serviceEmail: string | null;
  /** Free text: the public accountant (*comptable public*) payments are made to. */
  publicAccountant: string | null;
}

export const NO_IDENTITY: CollectivityIdentity = Object.freeze({
  postalAddress: null,
  siret: null,
  servicePhone: null,
  serviceEmail: null,
  publicAccountant: null,
});

/**
 * A change of the identity, keyed by the `foyer collectivity` option naming each part. An absent
 * key keeps the part, an empty string removes it; `address: ''` removes the whole postal address.
 */
export interface IdentityChange {
  siret?: string;
  address?: string;
  'address-line2'?: string;
  'postal-code'?: string;
  city?: string;
  phone?: string;
  email?: string;
  accountant?: string;
}

export const IDENTITY_OPTIONS = [
  'siret',
  'address',
  'address-line2',
  'postal-code',
  'city',
  'phone',
  'email',
  'accountant',
] as const;

const text = (max: number) => v.nullable(v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`)));

/** A French phone number (`05 36 49 12 34`, `+33 5 36 49 12 34`) printed in pairs, or another country's `+…`. */
function normalizePhone(input: string): string {
  const compact = input.replace(/[\s.()-]/g, '');
  const french = /^(?:\+33|0033|0)([1-9]\d{8})$/.exec(compact);
  if (french?.[1]) return `0${french[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
  return compact;
}

/** The identity once merged, keyed by option so that a problem names what the operator typed. */
const MergedIdentity = v.object({
  siret: v.nullable(
    v.pipe(
      v.string(),
      v.transform(normalizeSiret),
      v.regex(/^\d{14}$/, 'a SIRET is 14 digits'),
      v.check(isSiret, 'this is not a valid SIRET: its check digit (Luhn) is wrong, check each digit'),
    ),
  ),
  address: text(200),
  'address-line2': text(200),
  'postal-code': v.nullable(v.pipe(v.string(), v.regex(/^\d{5}$/, 'a French postal code is 5 digits, e.g. 31990'))),
  city: text(100),
  phone: v.nullable(
    v.pipe(
      v.string(),
      v.transform(normalizePhone),
      v.regex(/^(?:0[1-9](?: \d{2}){4}|\+[1-9]\d{6,14})$/, 'give a French number (05 36 49 12 34) or +country number'),
    ),
  ),
  email: v.nullable(v.pipe(v.string(), v.maxLength(254), v.email('must be an email address'))),
  accountant: text(200),
});

type Flat = Record<(typeof IDENTITY_OPTIONS)[number], string | null>;

function flatten(identity: CollectivityIdentity): Flat {
  const address = identity.postalAddress;
  return {
    siret: identity.siret,
    address: address?.line1 ?? null,
    'address-line2': address?.line2 ?? null,
    'postal-code': address?.postalCode ?? null,
    city: address?.city ?? null,
    phone: identity.servicePhone,
    email: identity.serviceEmail,
    accountant: identity.publicAccountant,
  };
}

/**
 * The identity after `change`, or the first problem as `option: message`. Values are trimmed;
 * a postal address needs its street, postal code and city together.
 *
 * @example resolveIdentity(NO_IDENTITY, { siret: '213 199 995 00019' }) // { identity: { siret: '21319999500019', … } }
 */
export function resolveIdentity(
  current: CollectivityIdentity,
  change: IdentityChange,
): { identity: CollectivityIdentity } | { problem: string } {
  const merged = flatten(current);
  if (change.address?.trim() === '') {
    for (const part of ['address', 'address-line2', 'postal-code', 'city'] as const) merged[part] = null;
  }
  for (const option of IDENTITY_OPTIONS) {
    const value = change[option]?.trim();
    if (value !== undefined) merged[option] = value === '' ? null : value;
  }
  const result = v.safeParse(MergedIdentity, merged, { abortPipeEarly: true });
  if (!result.success) {
    const issue = result.issues[0];
    return { problem: `${v.getDotPath(issue) ?? 'identity'}: ${issue.message}` };
  }
  const c = result.output;
  const addressParts = [c.address, c['postal-code'], c.city];
  if (addressParts.some((part) => part !== null) && addressParts.some((part) => part === null)) {
    return { problem: 'address: a postal address needs --address, --postal-code and --city together' };
  }
  if (c['address-line2'] !== null && c.address === null) {
    return { problem: 'address-line2: give the first line with --address too' };
  }
  return {
    identity: {
      postalAddress:
        c.address && c['postal-code'] && c.city
          ? {
              line1: c.address,
              ...(c['address-line2'] ? { line2: c['address-line2'] } : {}),
              postalCode: c['postal-code'],
              city: c.city,
            }
          : null,
      siret: c.siret,
      servicePhone: c.phone,
      serviceEmail: c.email,
      publicAccountant: c.accountant,
    },
  };
}

/** The collectivity's columns holding its identity, for a `select`. */
export const IDENTITY_COLUMNS = ['postal_address', 'siret', 'service_phone', 'service_email', 'public_accountant'] as const;
type IdentityColumn = (typeof IDENTITY_COLUMNS)[number];

/** The identity as the collectivity's columns take it. */
export function identityColumns(identity: CollectivityIdentity): Record<IdentityColumn, string | null> {
  return {
    postal_address: identity.postalAddress ? JSON.stringify(identity.postalAddress) : null,
    siret: identity.siret,
    service_phone: identity.servicePhone,
    service_email: identity.serviceEmail,
    public_accountant: identity.publicAccountant,
  };
}

/** The identity of a collectivity's row. */
export function identityOf(
  row: { postal_address: AddressValue | null } & Record<Exclude<IdentityColumn, 'postal_address'>, string | null>,
): CollectivityIdentity {
  return {
    postalAddress: row.postal_address,
    siret: row.siret,
    servicePhone: row.service_phone,
    serviceEmail: row.service_email,
    publicAccountant: row.public_accountant,
  };
}
