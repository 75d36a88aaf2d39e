import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSiret, isSiret, normalizeSiret } from './siret.js';

/** The digit that makes `digits` + it pass Luhn: a way to build valid numbers of any prefix. */
function luhnKey(digits: string): string {
  for (let key = 0; key <= 9; key++) if (isSiret(`${digits}${key}`)) return String(key);
  throw new Error(`no key for ${digits}`);
}

const thirteenDigits = fc.stringMatching(/^\d{13}$/);

describe('isSiret', () => {
  it('accepts 14 digits with their Luhn key', () => {
    for (const siret of ['11000201100044', '21319999500019']) expect(isSiret(siret)).toBe(true);
  });

  it('refuses a wrong key, another length and anything but digits', () => {
    for (const siret of ['11000201100045', '1100020110004', '110002011000440', '1100020110004A', '']) {
      expect(isSiret(siret)).toBe(false);
    }
  });

  it('has exactly one valid key for every 13-digit prefix', () => {
    fc.assert(
      fc.property(thirteenDigits, (prefix) => {
        const valid = [...'0123456789'].filter((key) => isSiret(`${prefix}${key}`));
        expect(valid).toEqual([luhnKey(prefix)]);
      }),
    );
  });

  it('catches any single changed digit', () => {
    fc.assert(
      fc.property(thirteenDigits, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1, max: 9 }), (prefix, at, shift) => {
        const siret = `${prefix}${luhnKey(prefix)}`;
        const changed = `${siret.slice(0, at)}${(Number(siret[at]) + shift) % 10}${siret.slice(at + 1)}`;
        expect(isSiret(changed)).toBe(false);
      }),
    );
  });
});

describe('normalizeSiret and formatSiret', () => {
  it('read a SIRET as typed and print it as documents do', () => {
    expect(normalizeSiret(' 213 199 995 00019 ')).toBe('21319999500019');
    expect(normalizeSiret('213.199.995-00019')).toBe('21319999500019');
    expect(formatSiret('21319999500019')).toBe('213 199 995 00019');
  });

  it('round-trip', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{14}$/), (siret) => normalizeSiret(formatSiret(siret)) === siret));
  });
});
