import { describe, expect, it } from 'vitest';
import { collectionDateProblem, mandateCollects, sequenceTypeFor } from './debit-rules.js';
import { sepaText } from './sepa-text.js';

describe('sequence type', () => {
  it('is FRST under a mandate never collected, RCUR after', () => {
    expect(sequenceTypeFor(0)).toBe('FRST');
    expect(sequenceTypeFor(1)).toBe('RCUR');
    expect(sequenceTypeFor(12)).toBe('RCUR');
  });
});

describe('collection date', () => {
  it('must be after today and within a year', () => {
    expect(collectionDateProblem('2026-03-10', '2026-03-10')).toBe('not_after_today');
    expect(collectionDateProblem('2026-03-09', '2026-03-10')).toBe('not_after_today');
    expect(collectionDateProblem('2026-03-11', '2026-03-10')).toBeUndefined();
    expect(collectionDateProblem('2027-03-10', '2026-03-10')).toBeUndefined();
    expect(collectionDateProblem('2027-03-11', '2026-03-10')).toBe('too_far');
  });
});

describe('mandate in force', () => {
  it('collects once signed, never once revoked', () => {
    expect(mandateCollects({ signedOn: '2026-01-05', revoked: false }, '2026-01-05')).toBe(true);
    expect(mandateCollects({ signedOn: '2026-01-06', revoked: false }, '2026-01-05')).toBe(false);
    expect(mandateCollects({ signedOn: '2025-01-06', revoked: true }, '2026-01-05')).toBe(false);
  });
});

describe('SEPA text', () => {
  it('keeps French names readable in the SEPA character set', () => {
    expect(sepaText('Bérénice Lœuvre-Ça & fils', 70)).toBe('Berenice Loeuvre-Ca + fils');
    expect(sepaText('« Cantine » d’Élodie', 70)).toBe("Cantine d'Elodie");
    expect(sepaText('Zoë   Müller_<b>', 70)).toBe('Zoe Muller b');
  });
  it('cuts to the field length without a trailing space', () => {
    expect(sepaText('Facture F-2026 Ville de Démo', 15)).toBe('Facture F-2026');
  });
});
