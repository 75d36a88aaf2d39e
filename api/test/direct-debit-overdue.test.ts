import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/domain/index.js';
import { agentWithRole } from './agent-builders.js';
import { C, issuedInvoice, mandateForm, monthBefore, newHousehold, settleSeedInvoices } from './direct-debit-support.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { householdOf } from './invoice-builders.js';
import { TEST_TODAY } from './test-database.js';

const MONTH = monthBefore(TEST_TODAY);
const COLLECTION = addDays(TEST_TODAY, 6);
/** The due date `issuedInvoice` gives. */
const DUE = addDays(TEST_TODAY, 20);
const DAY = 24 * 60 * 60 * 1000;

let t: TestApp;
let collectivityId: string;
/** The demo parent's invoice, collected by direct debit, and a household's without a mandate. */
const invoices = {} as Record<'debited' | 'withoutMandate', { id: string; number: string }>;

beforeAll(async () => {
  t = await startTestApp();
  const family = await householdOf(t, DEMO.parent);
  collectivityId = family.collectivityId;
  await settleSeedInvoices(t, collectivityId);
  const admin = await agentWithRole(t, 'admin');
  const creditor = await t.request('PUT', `${C}/admin/direct-debits/creditor`, {
    token: admin.token,
    body: { name: 'Régie de la Ville de Démo', iban: 'FR7630006000011234567890189', bic: null, identifier: 'FR72ZZZ123456' },
  });
  expect(creditor.status).toBe(200);
  const mandate = await t.request('POST', `${C}/admin/households/${family.householdId}/mandate`, {
    token: admin.token,
    body: mandateForm(),
  });
  expect(mandate.status).toBe(201);
  const other = await newHousehold(t, collectivityId, 'Foyer Sans Mandat');
  invoices.debited = await issuedInvoice(t, { collectivityId, householdId: family.householdId, month: MONTH, totalCents: 4_275 });
  invoices.withoutMandate = await issuedInvoice(t, { collectivityId, householdId: other, month: MONTH, totalCents: 3_000 });
  const batch = await t.request('POST', `${C}/admin/direct-debits`, {
    token: admin.token,
    body: { month: MONTH, collectionDate: COLLECTION },
  });
  expect(batch.status).toBe(201);
  expect(batch.body.invoiceCount).toBe(1);
  // Ten days past the due date: the bank collected long ago, the other household has not paid.
  t.clock.advance((20 + 10) * DAY);
});
afterAll(() => t.close());

describe('an invoice collected by direct debit, past its due date', () => {
  it('is not in the agents’ overdue list; an invoice of a household without a mandate is', async () => {
    const agent = await agentWithRole(t, 'agent');
    const res = await t.request('GET', `${C}/admin/overdue-invoices`, { token: agent.token });
    expect(res.status).toBe(200);
    const ids = res.body.invoices.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(invoices.debited.id);
    expect(res.body.invoices).toContainEqual(
      expect.objectContaining({ id: invoices.withoutMandate.id, dueDate: DUE, daysOverdue: 10 }),
    );
  });

  it('is not among the overdue invoices of the billing list either', async () => {
    const admin = await agentWithRole(t, 'admin');
    const res = await t.request('GET', `${C}/admin/invoices?overdue=true&limit=100`, { token: admin.token });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(invoices.debited.id);
    expect(ids).toContain(invoices.withoutMandate.id);
  });

  it('still reads « prélevée » to the family, with nothing to pay', async () => {
    const parent = (await t.login(DEMO.parent)).accessToken;
    const res = await t.request('GET', `${C}/invoices/${invoices.debited.id}`, { token: parent });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'debited', payable: false, debitedOn: COLLECTION, dueDate: DUE });
  });
});
