// The identifiers of SEPA direct debits: IBAN (ISO 13616), BIC (ISO 9362), creditor identifier
// (ICS) and mandate reference (RUM). Pure rules, here in the contract because the API's input
// schemas, the SDK and the back office's live form messages all check with them; the API's
// domain re-exports them (`api/src/domain/direct-debit/`), where their tests are.

/**
 * ISO 7064 MOD 97-10 over an alphanumeric string, letters counting as 10 (A) to 35 (Z): the
 * check of IBANs (ISO 13616) and of SEPA creditor identifiers. Computed digit by digit, so a
 * 34-character IBAN never overflows a number.
 */
function mod97(text: string): number {
  let rest = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code >= 48 && code <= 57) rest = (rest * 10 + (code - 48)) % 97;
    else if (code >= 65 && code <= 90) rest = (rest * 100 + (code - 55)) % 97;
    else return Number.NaN;
  }
  return rest;
}

/** The two check digits that make `mod97(body + country + digits)` equal 1. */
function checkDigits(body: string, country: string): string {
  const rest = mod97(`${body}${country}00`);
  return String(98 - rest).padStart(2, '0');
}

/**
 * The BBAN formats of the countries of the SEPA schemes (IBAN registry, SWIFT): `n` digits,
 * `a` upper-case letters, `c` letters or digits, each with its count. A French IBAN is
 * `FRkk` + `5n5n11c2n` (bank, branch, account, RIB key), 27 characters in all. The French
 * overseas departments and Monaco use the same shape.
 */
const BBAN_FORMATS: Readonly<Record<string, string>> = {
  AD: '4n4n12c',
  AT: '5n11n',
  BE: '3n7n2n',
  BG: '4a4n2n8c',
  CH: '5n12c',
  CY: '3n5n16c',
  CZ: '4n6n10n',
  DE: '8n10n',
  DK: '4n9n1n',
  EE: '2n2n11n1n',
  ES: '4n4n1n1n10n',
  FI: '3n11n',
  FR: '5n5n11c2n',
  GB: '4a6n8n',
  GI: '4a15c',
  GR: '3n4n16c',
  HR: '7n10n',
  HU: '3n4n1n15n1n',
  IE: '4a6n8n',
  IS: '4n2n6n10n',
  IT: '1a5n5n12c',
  LI: '5n12c',
  LT: '5n11n',
  LU: '3n13c',
  LV: '4a13c',
  MC: '5n5n11c2n',
  MT: '4a5n18c',
  NL: '4a10n',
  NO: '4n6n1n',
  PL: '8n16n',
  PT: '4n4n11n2n',
  RO: '4a16c',
  SE: '3n16n1n',
  SI: '5n8n2n',
  SK: '4n6n10n',
  SM: '1a5n5n12c',
  VA: '3n15n',
};

const CLASSES: Record<string, string> = { n: '[0-9]', a: '[A-Z]', c: '[A-Z0-9]' };

const BBAN_PATTERNS = new Map(
  Object.entries(BBAN_FORMATS).map(([country, format]) => [
    country,
    new RegExp(`^${format.replace(/(\d+)([nac])/g, (_, count: string, kind: string) => `${CLASSES[kind]}{${count}}`)}$`),
  ]),
);

/** Why an IBAN is refused, for the message a person reads. */
export type IbanProblem = 'format' | 'country' | 'length' | 'checksum';

export type IbanCheck = { ok: true; iban: string } | { ok: false; problem: IbanProblem };

/** An IBAN as people type it (spaces, lower case) in its electronic form: `FR7630006000011234567890189`. */
export function normalizeIban(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * Checks an IBAN of a SEPA country: its country's BBAN format and length, then its ISO 13616
 * check digits (MOD 97-10 of the BBAN followed by the country and check digits equals 1).
 *
 * @example checkIban('FR76 3000 6000 0112 3456 7890 189') // { ok: true, iban: 'FR7630006000011234567890189' }
 */
export function checkIban(input: string): IbanCheck {
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/.test(iban)) return { ok: false, problem: 'format' };
  const country = iban.slice(0, 2);
  const pattern = BBAN_PATTERNS.get(country);
  if (!pattern) return { ok: false, problem: 'country' };
  if (!pattern.test(iban.slice(4))) return { ok: false, problem: 'length' };
  if (mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) return { ok: false, problem: 'checksum' };
  return { ok: true, iban };
}

/** Whether `input` is a valid IBAN of a SEPA country (see {@link checkIban}). */
export function isIban(input: string): boolean {
  return checkIban(input).ok;
}

/** An IBAN from a country and its BBAN, with the check digits computed (test data, examples). */
export function ibanOf(country: string, bban: string): string {
  return `${country}${checkDigits(bban, country)}${bban}`;
}

/** The IBAN in groups of four, as printed on a RIB. */
export function formatIban(iban: string): string {
  return normalizeIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The IBAN as shown to whoever does not need the whole of it: the country, the check digits
 * and the last three characters, so that a family recognises its account.
 *
 * @example maskIban('FR7630006000011234567890189') // 'FR76 •••• •••• •••• •••• •••• 189'
 */
export function maskIban(iban: string): string {
  const plain = normalizeIban(iban);
  const hidden = `${plain.slice(0, 4)}${'•'.repeat(Math.max(0, plain.length - 7))}${plain.slice(-3)}`;
  return hidden.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The countries whose IBANs Foyer takes (those of the SEPA schemes). */
export const SEPA_COUNTRIES: readonly string[] = Object.keys(BBAN_FORMATS);

/**
 * A BIC (ISO 9362), 8 or 11 characters: bank (4 letters), country (2 letters), location (2,
 * the second never `O`, which marks test BICs), branch (3, optional). The pattern is the one of
 * the `pain.008.001.02` schema.
 */
const BIC = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;

/** A BIC as typed (spaces, lower case) in its plain form. */
export function normalizeBic(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Whether `input` is a well-formed BIC. */
export function isBic(input: string): boolean {
  return BIC.test(normalizeBic(input));
}

/**
 * A SEPA creditor identifier (ICS, « identifiant créancier SEPA »): country, two check digits,
 * a three-character business code that the check ignores (`ZZZ` in France), then the national
 * identifier (six characters in France, given by the Banque de France). The check digits make
 * MOD 97-10 of national identifier + country + check digits equal 1.
 *
 * @example isCreditorIdentifier('FR72ZZZ123456') // true
 */
const SHAPE = /^([A-Z]{2})([0-9]{2})([A-Z0-9]{3})([A-Z0-9]{1,28})$/;
const FRENCH_NATIONAL = /^[A-Z0-9]{6}$/;

/** An ICS as typed in its plain form. */
export function normalizeCreditorIdentifier(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Whether `input` is a creditor identifier with right check digits (and a French one's length). */
export function isCreditorIdentifier(input: string): boolean {
  const ics = normalizeCreditorIdentifier(input);
  const parts = SHAPE.exec(ics);
  if (!parts || ics.length > 35) return false;
  const [, country = '', digits = '', , national = ''] = parts;
  if (country === 'FR' && !FRENCH_NATIONAL.test(national)) return false;
  return mod97(`${national}${country}${digits}`) === 1;
}

/**
 * A unique mandate reference (RUM, « référence unique de mandat »): 1 to 35 characters of the
 * set the SEPA schemes allow in identifiers (letters, digits, `+ ? / - : ( ) . , '` and space),
 * neither starting nor ending with a space or `/`, and without `//` (EPC implementation guide).
 */
const ALLOWED = /^[A-Za-z0-9+?/\-:().,' ]{1,35}$/;

/** Why a mandate reference is refused. */
export type MandateReferenceProblem = 'empty' | 'too_long' | 'characters' | 'slashes';

export function mandateReferenceProblem(reference: string): MandateReferenceProblem | undefined {
  if (reference.length === 0) return 'empty';
  if (reference.length > 35) return 'too_long';
  if (!ALLOWED.test(reference) || reference !== reference.trim()) return 'characters';
  if (reference.startsWith('/') || reference.endsWith('/') || reference.includes('//')) return 'slashes';
  return undefined;
}

/** Whether `reference` may be a mandate reference (see {@link mandateReferenceProblem}). */
export function isMandateReference(reference: string): boolean {
  return mandateReferenceProblem(reference) === undefined;
}
