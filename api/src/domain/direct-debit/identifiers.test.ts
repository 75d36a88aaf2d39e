import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkIban,
  formatIban,
  ibanOf,
  isBic,
  isCreditorIdentifier,
  isIban,
  mandateReferenceProblem,
  maskIban,
} from './identifiers.js';

const digits = (length: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: length, maxLength: length }).map((d) => d.join(''));
const alnum = (length: number) =>
  fc
    .array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: length, maxLength: length })
    .map((d) => d.join(''));
/** A French BBAN: bank, branch, account (letters allowed), RIB key. */
const frenchBban = fc.tuple(digits(5), digits(5), alnum(11), digits(2)).map((parts) => parts.join(''));

describe('IBAN (ISO 13616)', () => {
  it('takes the published examples of several SEPA countries, typed with spaces and in lower case', () => {
    for (const iban of [
      'FR76 3000 6000 0112 3456 7890 189',
      'fr1420041010050500013m02606',
      'DE89370400440532013000',
      'GB82 WEST 1234 5698 7654 32',
      'BE68539007547034',
      'NL91ABNA0417164300',
    ]) {
      expect(checkIban(iban).ok, iban).toBe(true);
    }
    expect(checkIban('fr76 3000 6000 0112 3456 7890 189')).toEqual({ ok: true, iban: 'FR7630006000011234567890189' });
  });

  it('says why an IBAN is refused: shape, country outside SEPA, length of its country, check digits', () => {
    expect(checkIban('7630006000011234567890189')).toEqual({ ok: false, problem: 'format' });
    expect(checkIban('US64SVBKUS6S3300958879')).toEqual({ ok: false, problem: 'country' });
    expect(checkIban('FR763000600001123456789018')).toEqual({ ok: false, problem: 'length' });
    expect(checkIban('FR7630006000011234567890188')).toEqual({ ok: false, problem: 'checksum' });
    expect(checkIban('FR00300060000112345678901AB')).toEqual({ ok: false, problem: 'length' });
  });

  it('accepts every French BBAN with the check digits computed for it', () => {
    fc.assert(fc.property(frenchBban, (bban) => isIban(ibanOf('FR', bban))));
  });

  it('refuses any IBAN with one character changed (MOD 97-10 catches every single substitution)', () => {
    fc.assert(
      fc.property(frenchBban, fc.nat(), fc.constantFrom(...'0123456789'), (bban, at, digit) => {
        const iban = ibanOf('FR', bban);
        const index = 2 + (at % (iban.length - 2));
        fc.pre(iban[index] !== digit && /\d/.test(iban[index] ?? ''));
        const typo = `${iban.slice(0, index)}${digit}${iban.slice(index + 1)}`;
        return !isIban(typo);
      }),
    );
  });

  it('refuses any IBAN with two different adjacent digits swapped', () => {
    fc.assert(
      fc.property(frenchBban, fc.nat(), (bban, at) => {
        const iban = ibanOf('FR', bban);
        const index = 4 + (at % (iban.length - 5));
        const [a, b] = [iban[index], iban[index + 1]];
        fc.pre(a !== b && /\d\d/.test(`${a}${b}`));
        return !isIban(`${iban.slice(0, index)}${b}${a}${iban.slice(index + 2)}`);
      }),
    );
  });

  it('prints in groups of four, and masks all but the country, check digits and last three characters', () => {
    expect(formatIban('FR7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(maskIban('FR7630006000011234567890189')).toBe('FR76 •••• •••• •••• •••• •••• 189');
    expect(maskIban('FR7630006000011234567890189')).not.toMatch(/3000|1234|7890/);
  });
});

describe('BIC (ISO 9362)', () => {
  it('takes 8 or 11 characters, in any case', () => {
    expect(isBic('BNPAFRPP')).toBe(true);
    expect(isBic('bnpafrppxxx')).toBe(true);
    expect(isBic('AGRIFRPP882')).toBe(true);
  });
  it('refuses other lengths, digits in the bank code and test BICs (location ending in O)', () => {
    expect(isBic('BNPAFRP')).toBe(false);
    expect(isBic('BNPAFRPPXX')).toBe(false);
    expect(isBic('BN1AFRPPXXX')).toBe(false);
    expect(isBic('BNPAFRPO')).toBe(false);
  });
});

describe('SEPA creditor identifier (ICS)', () => {
  it('takes French identifiers with right check digits, the business code aside', () => {
    expect(isCreditorIdentifier('FR72ZZZ123456')).toBe(true);
    expect(isCreditorIdentifier('fr72 zzz 123456')).toBe(true);
    // The business code is outside the check: another one keeps the identifier valid.
    expect(isCreditorIdentifier('FR72ABC123456')).toBe(true);
    expect(isCreditorIdentifier('FR22ZZZABC123')).toBe(true);
  });
  it('refuses wrong check digits and French identifiers of the wrong length', () => {
    expect(isCreditorIdentifier('FR12ZZZ123456')).toBe(false);
    expect(isCreditorIdentifier('FR73ZZZ123456')).toBe(false);
    expect(isCreditorIdentifier('FR72ZZZ1234567')).toBe(false);
    expect(isCreditorIdentifier('FRZZZ123456')).toBe(false);
  });
  it('takes other countries’ longer national identifiers', () => {
    expect(isCreditorIdentifier('DE98ZZZ09999999999')).toBe(true);
  });
});

describe('mandate reference (RUM)', () => {
  it('takes up to 35 characters of the SEPA set', () => {
    expect(mandateReferenceProblem('FOYER-2026-000123')).toBeUndefined();
    expect(mandateReferenceProblem("RUM (Martin) n.1/2, 'A'+B?:")).toBeUndefined();
    expect(mandateReferenceProblem('A'.repeat(35))).toBeUndefined();
  });
  it('refuses empty, too long, accents and other characters, and misplaced slashes', () => {
    expect(mandateReferenceProblem('')).toBe('empty');
    expect(mandateReferenceProblem('A'.repeat(36))).toBe('too_long');
    expect(mandateReferenceProblem('RUM-É')).toBe('characters');
    expect(mandateReferenceProblem('RUM_1')).toBe('characters');
    expect(mandateReferenceProblem(' RUM1')).toBe('characters');
    expect(mandateReferenceProblem('/RUM1')).toBe('slashes');
    expect(mandateReferenceProblem('RUM//1')).toBe('slashes');
  });
});
