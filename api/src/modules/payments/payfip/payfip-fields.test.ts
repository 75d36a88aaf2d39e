import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptableAmount, acceptableMel, exerOf, objetOf, outcomeOf, refdetOf } from './payfip-fields.js';

describe('PayFiP field formats', () => {
  it('gives every payment a refdet of 25 letters and digits, one per UUID', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        expect(refdetOf(a)).toMatch(/^[0-9A-Z]{25}$/);
        if (a.toLowerCase() !== b.toLowerCase()) expect(refdetOf(a)).not.toBe(refdetOf(b));
      }),
    );
  });

  it('reduces any label to what objet accepts', () => {
    expect(objetOf('Facture F-2026-0042 — Ville d’Exemple (été)')).toBe('Facture F 2026 0042 Ville d Exemple ete');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (label) => {
        expect(objetOf(label)).toMatch(/^[A-Za-z0-9 ]{0,100}$/);
      }),
    );
  });

  it('takes amounts of 1 € to 100,000 € in whole cents, and addresses of 6 to 80 characters', () => {
    expect([99, 100, 10_000_000, 10_000_001, 12.5].map(acceptableAmount)).toEqual([false, true, true, false, false]);
    expect(['a@b.fr', 'x@y', `${'a'.repeat(76)}@b.fr`, 'parent@ville.fr'].map(acceptableMel)).toEqual([true, false, false, true]);
  });

  it('reads the year in the town’s time zone, and resultrans as the guide lists it', () => {
    expect(exerOf(new Date('2026-12-31T23:30:00Z'), 'Europe/Paris')).toBe('2027');
    expect(['P', 'V', 'R', 'Z', 'A', 'X', ''].map(outcomeOf)).toEqual([
      'paid',
      'paid',
      'refused',
      'refused',
      'abandoned',
      null,
      null,
    ]);
  });
});
