import { FoyerError } from '@foyer/sdk';
import { createAdminClient, directDebits } from '@foyer/sdk/admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../api/src/domain/index.js';
import { issuedInvoice, mandateForm, monthBefore, newHousehold } from '../../api/test/direct-debit-support.js';
import { TEST_TODAY } from '../../api/test/test-database.js';
import { DEMO, type SdkTestApp, startSdkTestApp } from './api.js';

// SEPA direct debit through the SDK's admin namespaces, against the real API.

let api: SdkTestApp;
let admin: ReturnType<typeof createAdminClient>;
let debits: ReturnType<typeof directDebits>;
let collectivityId: string;

beforeAll(async () => {
  api = await startSdkTestApp();
  admin = createAdminClient({ baseUrl: 'http://foyer.test', collectivity: DEMO.collectivities.demo, fetch: api.fetch });
  await admin.auth.login({ email: DEMO.agent, password: DEMO.password });
  debits = directDebits(admin);
  collectivityId = (
    await api.t.deps.db.selectFrom('collectivities').select('id').where('slug', '=', 'ville-de-demo').executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => api.close());

describe('direct debit in the SDK', () => {
  it('records, reads and revokes a mandate; a wrong IBAN rejects naming the field', async () => {
    const householdId = await newHousehold(api.t, collectivityId);
    const form = mandateForm();
    const error = await debits.mandates
      .create(householdId, { ...form, iban: 'FR76 3000 6000 0112 3456 7890 188' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(FoyerError);
    expect(error.code).toBe('validation_failed');
    expect(error.errors?.[0]?.path).toBe('body.iban');
    const created = await debits.mandates.create(householdId, form);
    expect(created.ibanRevealed).toBe(false);
    const revealed = await debits.mandates.get(householdId, { reveal: 'true' });
    expect(revealed.mandate?.iban.replaceAll(' ', '')).toBe(form.iban);
    const revoked = await debits.mandates.revoke(householdId);
    expect(revoked.revokedAt).not.toBeNull();
  });

  it('prepares a month and downloads its pain.008 file', async () => {
    const month = monthBefore(TEST_TODAY);
    await debits.setCreditor({
      name: 'Ville de Démo',
      iban: 'FR7630006000011234567890189',
      identifier: 'FR72ZZZ123456',
    });
    const householdId = await newHousehold(api.t, collectivityId);
    await debits.mandates.create(householdId, mandateForm());
    const invoice = await issuedInvoice(api.t, { collectivityId, householdId, month, totalCents: 2_345 });
    expect((await debits.month(month)).ready).toEqual({ invoiceCount: 1, totalCents: 2_345 });
    const batch = await debits.prepare({ month, collectionDate: addDays(TEST_TODAY, 3) });
    expect(batch.invoiceCount).toBe(1);
    const file = await debits.download(month);
    expect(file.filename).toBe(`prelevements-${month}.pain.008.xml`);
    expect(file.contentType).toContain('application/xml');
    const xml = await file.blob.text();
    expect(xml).toContain(`<EndToEndId>${invoice.number}</EndToEndId>`);
    expect(xml).toContain('<CtrlSum>23.45</CtrlSum>');
  });
});
