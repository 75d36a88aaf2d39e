import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, euros } from '../src/domain/index.js';
import { agentWithRole } from './agent-builders.js';
import { C, issuedInvoice, mandateForm, monthBefore, newHousehold, settleSeedInvoices } from './direct-debit-support.js';
import { startTestApp, type TestApp } from './harness.js';
import { pain008SchemaErrors } from './pain008-schema.js';
import { TEST_TODAY } from './test-database.js';

const MONTH = monthBefore(TEST_TODAY);
const THIS_MONTH = TEST_TODAY.slice(0, 7);
const COLLECTION = addDays(TEST_TODAY, 6);
const CREDITOR = {
  name: 'Régie de la Ville de Démo',
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP882',
  identifier: 'FR72ZZZ123456',
};

let t: TestApp;
let collectivityId: string;
let admin: { accountId: string; token: string };
let agent: { token: string };

/** Households of the month: two with a mandate in force, one without, one whose mandate was revoked. */
const town = {} as Record<'martin' | 'nguyen' | 'sans' | 'revoque', { householdId: string; iban: string; reference: string }>;
const invoices = {} as Record<
  'martin' | 'nguyen' | 'sans' | 'revoque' | 'martinPaid' | 'martinNext',
  { id: string; number: string }
>;

async function withMandate(name: string, overrides: Record<string, unknown> = {}) {
  const householdId = await newHousehold(t, collectivityId, name);
  const form = mandateForm({ accountHolder: name, ...overrides });
  const res = await t.request('POST', `${C}/admin/households/${householdId}/mandate`, { token: agent.token, body: form });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return { householdId, iban: form.iban, reference: form.reference };
}

beforeAll(async () => {
  t = await startTestApp();
  collectivityId = (
    await t.deps.db.selectFrom('collectivities').select('id').where('slug', '=', 'ville-de-demo').executeTakeFirstOrThrow()
  ).id;
  await settleSeedInvoices(t, collectivityId);
  admin = await agentWithRole(t, 'admin');
  agent = await agentWithRole(t, 'agent');
  town.martin = await withMandate('Martin & Fils « Cantine »');
  town.nguyen = await withMandate('Nguyễn Thị Lan', { bic: 'BNPAFRPP' });
  town.sans = { householdId: await newHousehold(t, collectivityId, 'Sans Mandat'), iban: '', reference: '' };
  town.revoque = await withMandate('Révoqué');
  await t.request('DELETE', `${C}/admin/households/${town.revoque.householdId}/mandate`, { token: agent.token });
  const invoice = (who: keyof typeof town, totalCents: number, extra: { month?: string; paid?: boolean } = {}) =>
    issuedInvoice(t, {
      collectivityId,
      householdId: town[who].householdId,
      month: extra.month ?? MONTH,
      totalCents,
      paid: extra.paid,
    });
  invoices.martin = await invoice('martin', 4_275);
  invoices.nguyen = await invoice('nguyen', 12_001);
  invoices.sans = await invoice('sans', 3_000);
  invoices.revoque = await invoice('revoque', 5_000);
  invoices.martinPaid = await invoice('martin', 990, { paid: true });
  invoices.martinNext = await invoice('martin', 1_500, { month: THIS_MONTH });
});
afterAll(() => t.close());

const debitOn = async (invoiceId: string) =>
  (await t.deps.db.selectFrom('invoices').select('debit_on').where('id', '=', invoiceId).executeTakeFirstOrThrow()).debit_on;
const file = (month: string) =>
  t.fetch(`${C}/admin/direct-debits/${month}/pain.008`, { headers: { authorization: `Bearer ${admin.token}` } });
const prepare = (month: string, collectionDate = COLLECTION) =>
  t.request('POST', `${C}/admin/direct-debits`, { token: admin.token, body: { month, collectionDate } });

describe("a month's direct debits", () => {
  it('need the creditor settings and a collection date after today', async () => {
    const noCreditor = await prepare(MONTH);
    expect(noCreditor.status).toBe(409);
    expect(noCreditor.body.detail).toContain('créancier');
    expect((await t.request('PUT', `${C}/admin/direct-debits/creditor`, { token: admin.token, body: CREDITOR })).status).toBe(
      200,
    );
    const today = await prepare(MONTH, TEST_TODAY);
    expect(today.status).toBe(400);
    expect(today.body.errors[0].path).toBe('body.collectionDate');
    expect(await t.deps.db.selectFrom('direct_debit_batches').select('id').execute()).toEqual([]);
  });

  it('show, before anything is made, what a batch would collect and what stays to pay otherwise', async () => {
    const res = await t.request('GET', `${C}/admin/direct-debits/${MONTH}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      month: MONTH,
      creditorReady: true,
      batch: null,
      ready: { invoiceCount: 2, totalCents: 4_275 + 12_001 },
      withoutMandate: { invoiceCount: 2, totalCents: 3_000 + 5_000 },
    });
  });

  it('collect the unpaid invoices of households with a mandate in force, marked once', async () => {
    const res = await prepare(MONTH);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      month: MONTH,
      collectionDate: COLLECTION,
      invoiceCount: 2,
      totalCents: 16_276,
      firstCollections: 2,
    });
    expect(await debitOn(invoices.martin.id)).toBe(COLLECTION);
    expect(await debitOn(invoices.nguyen.id)).toBe(COLLECTION);
    for (const untouched of [invoices.sans, invoices.revoque, invoices.martinPaid, invoices.martinNext]) {
      expect(await debitOn(untouched.id)).toBeNull();
    }
  });

  it('export a pain.008.001.02 file valid against the schema, whose totals are the invoices’', async () => {
    const res = await file(MONTH);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="prelevements-${MONTH}.pain.008.xml"`);
    const xml = await res.text();
    expect(await pain008SchemaErrors(xml)).toEqual([]);
    const header = /<GrpHdr>[\s\S]*?<\/GrpHdr>/.exec(xml)?.[0] ?? '';
    expect(header).toContain('<NbOfTxs>2</NbOfTxs>');
    expect(header).toContain(`<CtrlSum>${euros(4_275 + 12_001)}</CtrlSum>`);
    expect(header).toContain('<InitgPty><Nm>Regie de la Ville de Demo</Nm></InitgPty>');
    expect(xml).toContain(`<ReqdColltnDt>${COLLECTION}</ReqdColltnDt>`);
    expect(xml).toContain('<SeqTp>FRST</SeqTp>');
    expect(xml).not.toContain('<SeqTp>RCUR</SeqTp>');
    expect(xml).toContain('<Id>FR72ZZZ123456</Id>');
    const transactions = [...xml.matchAll(/<DrctDbtTxInf>[\s\S]*?<\/DrctDbtTxInf>/g)].map((m) => m[0]);
    expect(transactions).toHaveLength(2);
    const martin = transactions.find((tx) => tx.includes(invoices.martin.number)) ?? '';
    expect(martin).toContain(`<EndToEndId>${invoices.martin.number}</EndToEndId>`);
    expect(martin).toContain('<InstdAmt Ccy="EUR">42.75</InstdAmt>');
    expect(martin).toContain(`<MndtId>${town.martin.reference}</MndtId>`);
    expect(martin).toContain(`<DtOfSgntr>${addDays(TEST_TODAY, -20)}</DtOfSgntr>`);
    expect(martin).toContain('<Dbtr><Nm>Martin + Fils Cantine</Nm></Dbtr>');
    expect(martin).toContain(`<IBAN>${town.martin.iban}</IBAN>`);
    expect(martin).toContain('<Othr><Id>NOTPROVIDED</Id></Othr>');
    expect(martin).toContain(`<Ustrd>Facture ${invoices.martin.number} Regie de la Ville de Demo ${MONTH}</Ustrd>`);
    const nguyen = transactions.find((tx) => tx.includes(invoices.nguyen.number)) ?? '';
    expect(nguyen).toContain('<BIC>BNPAFRPP</BIC>');
    expect(nguyen).toContain('<Dbtr><Nm>Nguyen Thi Lan</Nm></Dbtr>');
    expect(xml).not.toContain(town.revoque.iban);
  });

  it('is exported again byte for byte, and is never made twice', async () => {
    const first = await (await file(MONTH)).text();
    await t.request('PUT', `${C}/admin/direct-debits/creditor`, {
      token: admin.token,
      body: { ...CREDITOR, name: 'Trésor public' },
    });
    t.clock.advance(60_000);
    const again = await (await file(MONTH)).text();
    expect(again).toBe(first);
    const twice = await prepare(MONTH, addDays(COLLECTION, 1));
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toContain('déjà');
    expect(await debitOn(invoices.martin.id)).toBe(COLLECTION);
    const rows = await t.deps.db.selectFrom('direct_debits').select('invoice_id').execute();
    expect(rows).toHaveLength(2);
    const exports = await t.deps.db
      .selectFrom('audit_log')
      .select('actor_account_id')
      .where('action', '=', 'direct_debit.exported')
      .execute();
    expect(exports.length).toBeGreaterThanOrEqual(3);
    expect(exports.every((e) => e.actor_account_id === admin.accountId)).toBe(true);
  });

  it('collect RCUR under a mandate that already collected, FRST under a new one', async () => {
    const newcomer = await withMandate('Nouvelle Famille');
    const fresh = await issuedInvoice(t, {
      collectivityId,
      householdId: newcomer.householdId,
      month: THIS_MONTH,
      totalCents: 2_000,
    });
    const res = await prepare(THIS_MONTH, addDays(COLLECTION, 30));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ invoiceCount: 2, totalCents: 3_500, firstCollections: 1 });
    const xml = await (await file(THIS_MONTH)).text();
    expect(await pain008SchemaErrors(xml)).toEqual([]);
    const block = (seq: string) =>
      new RegExp(`<PmtInf>(?:(?!</PmtInf>)[\\s\\S])*<SeqTp>${seq}</SeqTp>[\\s\\S]*?</PmtInf>`).exec(xml)?.[0] ?? '';
    expect(block('RCUR')).toContain(invoices.martinNext.number);
    expect(block('RCUR')).not.toContain(fresh.number);
    expect(block('FRST')).toContain(fresh.number);
    const mandate = await t.request('GET', `${C}/admin/households/${town.martin.householdId}/mandate`, { token: agent.token });
    expect(mandate.body.mandate.collections).toBe(2);
  });

  it('are prepared by admins only: an agent may not, nor download the file', async () => {
    expect((await t.request('GET', `${C}/admin/direct-debits/${MONTH}`, { token: agent.token })).status).toBe(403);
    expect((await prepare(MONTH)).status).toBe(409);
    const res = await t.fetch(`${C}/admin/direct-debits/${MONTH}/pain.008`, {
      headers: { authorization: `Bearer ${agent.token}` },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('<Document');
  });
});

describe('two admins preparing the same month at once', () => {
  it('make one batch; the other is told it exists', async () => {
    const month = monthBefore(MONTH);
    const households = await Promise.all([withMandate('Concurrence A'), withMandate('Concurrence B')]);
    for (const h of households) await issuedInvoice(t, { collectivityId, householdId: h.householdId, month, totalCents: 1_000 });
    const answers = await Promise.all([prepare(month), prepare(month)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const batches = await t.deps.db.selectFrom('direct_debit_batches').select('id').where('month', '=', month).execute();
    expect(batches).toHaveLength(1);
  });
});
