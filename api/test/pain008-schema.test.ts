import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Collection, type DirectDebitMessage, euros, ibanOf, pain008 } from '../src/domain/index.js';
import { pain008SchemaErrors } from './pain008-schema.js';

const creditor = {
  name: 'Régie de la Ville de Démo',
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP882',
  identifier: 'FR72ZZZ123456',
};

const collection = (overrides: Partial<Collection> = {}): Collection => ({
  endToEndId: 'F-2026-000001',
  amountCents: 4_250,
  sequenceType: 'FRST',
  mandateReference: 'FOYER-MARTIN-1',
  mandateSignedOn: '2026-01-05',
  debtorName: 'Bérénice Lœuvre',
  debtorIban: 'FR1420041010050500013M02606',
  debtorBic: null,
  remittance: 'Facture F-2026-000001 Ville de Démo 2026-01',
  ...overrides,
});

const message = (collections: Collection[], overrides: Partial<DirectDebitMessage> = {}): DirectDebitMessage => ({
  messageId: 'FOYER-202601-0A1B2C3D',
  createdAt: new Date('2026-02-02T08:30:00Z'),
  collectionDate: '2026-02-10',
  creditor,
  collections,
  ...overrides,
});

const text = fc.string({ unit: fc.constantFrom(...'abcdéèçàôœ ÆZ&<>"\'«»-_/.,:?+()0123456789'), minLength: 1, maxLength: 90 });
const nonBlank = text.filter((t) => /[A-Za-z0-9]/.test(t));
const arbitraryCollection = fc.record({
  endToEndId: fc.stringMatching(/^F-20\d\d-\d{6}$/),
  amountCents: fc.integer({ min: 1, max: 99_999_999 }),
  sequenceType: fc.constantFrom('FRST' as const, 'RCUR' as const),
  mandateReference: fc.stringMatching(/^[A-Z0-9][A-Z0-9 +?:().,'-]{0,33}[A-Z0-9]$/),
  mandateSignedOn: fc.constantFrom('2024-02-29', '2025-12-31', '2026-01-01'),
  debtorName: nonBlank,
  debtorIban: fc.stringMatching(/^\d{10}[A-Z0-9]{11}\d{2}$/).map((bban) => ibanOf('FR', bban)),
  debtorBic: fc.constantFrom(null, 'BNPAFRPP', 'CCBPFRPPMTG'),
  remittance: nonBlank,
});

describe('pain.008.001.02 file', () => {
  it('is valid against the schema, with the totals of its collections', async () => {
    const xml = pain008(
      message([
        collection(),
        collection({ endToEndId: 'F-2026-000002', amountCents: 1, sequenceType: 'RCUR', debtorBic: 'BNPAFRPP' }),
        collection({ endToEndId: 'F-2026-000003', amountCents: 100_00, sequenceType: 'RCUR' }),
      ]),
    );
    expect(await pain008SchemaErrors(xml)).toEqual([]);
    expect(xml).toContain('<NbOfTxs>3</NbOfTxs>\n<CtrlSum>142.51</CtrlSum>');
    expect(xml).toContain('<SeqTp>FRST</SeqTp>');
    expect(xml).toContain('<NbOfTxs>2</NbOfTxs>\n<CtrlSum>100.01</CtrlSum>');
    expect(xml).toContain('<Othr><Id>NOTPROVIDED</Id></Othr>');
    expect(xml).toContain('<Dbtr><Nm>Berenice Loeuvre</Nm></Dbtr>');
    expect(xml).toContain('<Id>FR72ZZZ123456</Id><SchmeNm><Prtry>SEPA</Prtry></SchmeNm>');
  });

  it('says what the schema refuses (the check is real)', async () => {
    const broken = pain008(message([collection()])).replace('<PmtMtd>DD</PmtMtd>', '<PmtMtd>TRF</PmtMtd>');
    expect((await pain008SchemaErrors(broken)).join('\n')).toMatch(/PmtMtd/);
  });

  it('stays valid whatever the names, amounts and references, and its sums add up', async () => {
    const samples = fc.sample(fc.array(arbitraryCollection, { minLength: 1, maxLength: 6 }), 60);
    const files = samples.map((collections) => pain008(message(collections)));
    expect(await pain008SchemaErrors(files)).toEqual([]);
    samples.forEach((collections, i) => {
      const xml = files[i] ?? '';
      const total = collections.reduce((sum, c) => sum + c.amountCents, 0);
      expect(xml).toContain(`<NbOfTxs>${collections.length}</NbOfTxs>\n<CtrlSum>${euros(total)}</CtrlSum>`);
      const amounts = [...xml.matchAll(/<InstdAmt Ccy="EUR">(\d+)\.(\d\d)<\/InstdAmt>/g)].map(
        (m) => Number(m[1]) * 100 + Number(m[2]),
      );
      expect(amounts.reduce((a, b) => a + b, 0)).toBe(total);
    });
  });

  it('writes amounts with two decimals', () => {
    expect(euros(1)).toBe('0.01');
    expect(euros(4_250)).toBe('42.50');
    expect(euros(99_999_999)).toBe('999999.99');
    expect(() => euros(-1)).toThrow();
  });
});
