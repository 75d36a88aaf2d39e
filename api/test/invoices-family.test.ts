import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { buildInvoice, householdOf } from './invoice-builders.js';
import { pdfText } from './pdf-text.js';
import { shifted } from './test-days.js';

const C = '/v1/collectivities/ville-de-demo';
/** A page of the API's own origin: always an allowed return address. */
let RETURN_URL: string;
let t: TestApp;
let parent: string;
let parent2: string;
let seeded: { toPay: any; paid: any; credit: any };

beforeAll(async () => {
  t = await startTestApp();
  RETURN_URL = `${t.deps.config.publicUrl}/factures`;
  parent = (await t.login(DEMO.parent)).accessToken;
  parent2 = (await t.login(DEMO.parent2)).accessToken;
  const list = await t.request('GET', `${C}/invoices`, { token: parent });
  expect(list.status).toBe(200);
  const items: any[] = list.body.items;
  seeded = {
    toPay: items.find((i) => i.status === 'to_pay'),
    paid: items.find((i) => i.status === 'paid'),
    credit: items.find((i) => i.kind === 'credit_note'),
  };
});
afterAll(() => t.close());

let keys = 0;
const pay = (id: string, token = parent, body: unknown = { returnUrl: RETURN_URL }) =>
  t.request('POST', `${C}/invoices/${id}/pay`, { token, body, headers: { 'idempotency-key': `pay-invoice-${++keys}-key` } });

const euros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/[\u00a0\u202f]/g, ' ');

describe("the family's invoices", () => {
  it('lists the household’s invoices and credit notes, newest first, with what a family reads of each', async () => {
    const { items, nextCursor } = (await t.request('GET', `${C}/invoices`, { token: parent })).body;
    expect(nextCursor).toBeNull();
    expect(items.map((i: any) => i.status).sort()).toEqual(['issued', 'paid', 'to_pay']);
    expect(seeded.toPay).toMatchObject({ kind: 'invoice', payable: true, paidAt: null, corrects: null });
    expect(seeded.toPay.number).toMatch(/^FA-\d{4}-\d{6}$/);
    expect(seeded.paid).toMatchObject({ kind: 'invoice', payable: false });
    expect(seeded.paid.paidAt).not.toBeNull();
    expect(seeded.credit.number).toMatch(/^AV-\d{4}-\d{6}$/);
    expect(seeded.credit).toMatchObject({
      status: 'issued',
      payable: false,
      corrects: { id: seeded.paid.id, number: seeded.paid.number },
    });
    expect(seeded.credit.totalCents).toBeLessThan(0);
    const issued = items.map((i: any) => i.issuedAt);
    expect(issued).toEqual([...issued].sort().reverse());
  });

  it('pages with a cursor, never shows a draft, and shows nothing of another household', async () => {
    const { collectivityId, householdId } = await householdOf(t, DEMO.parent);
    await buildInvoice(t, {
      collectivityId,
      householdId,
      number: 'FA-2099-000001',
      status: 'draft',
      issuedAt: t.clock.now(),
      lines: [{ childId: null, date: null, label: 'Brouillon', unitCents: 100 }],
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page: any = (await t.request('GET', `${C}/invoices?limit=1${query}`, { token: parent })).body;
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((i: any) => i.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([seeded.toPay.number, seeded.paid.number, seeded.credit.number].sort());
    expect((await t.request('GET', `${C}/invoices`, { token: parent2 })).body.items).toEqual([]);
    const bad = await t.request('GET', `${C}/invoices?cursor=nope`, { token: parent });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.code).toBe('invalid_cursor');
  });

  it('details an invoice by child and day, with the credit note that corrects it; another household gets 404', async () => {
    const res = await t.request('GET', `${C}/invoices/${seeded.paid.id}`, { token: parent });
    expect(res.status).toBe(200);
    const detail = res.body;
    expect(detail.household.name).toBe('Famille Sanchez-Cordoves');
    expect(detail.children.length).toBeGreaterThan(0);
    let sum = 0;
    for (const group of detail.children) {
      expect(group.child.firstName).toMatch(/Alvaro|Lucia/);
      const dates = group.days.map((d: any) => d.date);
      expect(dates).toEqual([...dates].sort());
      const groupSum = group.days.flatMap((d: any) => d.lines).reduce((s: number, l: any) => s + l.totalCents, 0);
      expect(group.totalCents).toBe(groupSum);
      sum += groupSum;
    }
    expect(sum).toBe(detail.totalCents);
    expect(detail.creditNotes).toEqual([
      { id: seeded.credit.id, number: seeded.credit.number, totalCents: seeded.credit.totalCents },
    ]);

    const credit = (await t.request('GET', `${C}/invoices/${seeded.credit.id}`, { token: parent })).body;
    expect(credit.corrects.number).toBe(seeded.paid.number);
    expect(credit.children[0].days[0].lines[0].reason).toBe('credit');

    const other = await t.request('GET', `${C}/invoices/${seeded.paid.id}`, { token: parent2 });
    expect(other.status).toBe(404);
    expect((await t.request('GET', `${C}/invoices/not-an-id`, { token: parent })).status).toBe(400);
    expect(
      (await t.request('GET', `/v1/collectivities/saint-exemple/invoices/${seeded.paid.id}`, { token: parent })).status,
    ).toBe(404);
  });
});

describe('the invoice PDF', () => {
  it('downloads an A4 PDF named after the invoice, showing the town, the household, the number and the total', async () => {
    const res = await t.fetch(`${C}/invoices/${seeded.toPay.id}/pdf`, { headers: { authorization: `Bearer ${parent}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${seeded.toPay.number}.pdf"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(Buffer.from(bytes).toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const text = pdfText(bytes);
    expect(text).toContain('Ville de Démo');
    expect(text).toContain('FACTURE');
    expect(text).toContain(seeded.toPay.number);
    expect(text).toContain('Famille Sanchez-Cordoves');
    expect(text).toContain('Total à payer');
    expect(text).toContain(euros(seeded.toPay.totalCents));
    expect(text).toMatch(/Alvaro SANCHEZ-CORDOVES/);
  });

  it('heads the invoice and the credit note with the town’s identity: address, SIRET, contact, public accountant', async () => {
    for (const document of [seeded.toPay, seeded.credit]) {
      const res = await t.fetch(`${C}/invoices/${document.id}/pdf`, { headers: { authorization: `Bearer ${parent}` } });
      const text = pdfText(new Uint8Array(await res.arrayBuffer()));
      for (const line of [
        'Hôtel de ville',
        '1 place de la République',
        '31990 Ville-de-Démo',
        'SIRET 213 199 995 00019',
        'Tél. 05 36 49 12 34',
        'enfance.demo@example.org',
        'COMPTABLE PUBLIC',
        'Service de gestion comptable de Ville-de-Démo',
        `Ville de Démo — SIRET 213 199 995 00019 — ${document.number}`,
      ]) {
        expect(text.split('\n')).toContain(line);
      }
    }
  });

  // A docs step, not CI: `FOYER_UPDATE_DOCS=1 npx vitest run api/test/invoices-family.test.ts`, with poppler's pdftoppm.
  it.runIf(process.env.FOYER_UPDATE_DOCS === '1')('renders the first page of an invoice to docs/invoice.png', async () => {
    const res = await t.fetch(`${C}/invoices/${seeded.toPay.id}/pdf`, { headers: { authorization: `Bearer ${parent}` } });
    const dir = await mkdtemp(join(tmpdir(), 'foyer-invoice-'));
    try {
      await writeFile(join(dir, 'invoice.pdf'), new Uint8Array(await res.arrayBuffer()));
      const png = fileURLToPath(new URL('../../docs/invoice', import.meta.url));
      await promisify(execFile)('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        join(dir, 'invoice.pdf'),
        png,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves out what the town has not set, label and all', async () => {
    const { collectivityId } = await householdOf(t, DEMO.parent);
    const town = () => t.deps.db.updateTable('collectivities').where('id', '=', collectivityId);
    const before = await t.deps.db
      .selectFrom('collectivities')
      .select(['postal_address', 'siret', 'service_phone', 'service_email', 'public_accountant'])
      .where('id', '=', collectivityId)
      .executeTakeFirstOrThrow();
    await town().set({ postal_address: null, siret: null, service_phone: null, public_accountant: null }).execute();
    try {
      const res = await t.fetch(`${C}/invoices/${seeded.toPay.id}/pdf`, { headers: { authorization: `Bearer ${parent}` } });
      const text = pdfText(new Uint8Array(await res.arrayBuffer()));
      expect(text).toContain('Ville de Démo');
      expect(text).toContain('enfance.demo@example.org');
      expect(text).toContain(`Ville de Démo — ${seeded.toPay.number}`);
      for (const absent of ['SIRET', 'Tél.', 'COMPTABLE PUBLIC', 'Hôtel de ville', 'undefined', 'null']) {
        expect(text).not.toContain(absent);
      }
    } finally {
      await town()
        .set({ ...before, postal_address: before.postal_address ? JSON.stringify(before.postal_address) : null })
        .execute();
    }
  });

  it('says "Avoir" on a credit note with the invoice it corrects, and speaks English when asked', async () => {
    const credit = await t.fetch(`${C}/invoices/${seeded.credit.id}/pdf`, { headers: { authorization: `Bearer ${parent}` } });
    const text = pdfText(new Uint8Array(await credit.arrayBuffer()));
    expect(text).toContain('AVOIR');
    expect(text).toContain(`Avoir sur la facture ${seeded.paid.number}`);
    const english = await t.fetch(`${C}/invoices/${seeded.paid.id}/pdf`, {
      headers: { authorization: `Bearer ${parent}`, 'accept-language': 'en-GB,en;q=0.9' },
    });
    const englishText = pdfText(new Uint8Array(await english.arrayBuffer()));
    expect(englishText).toContain('INVOICE');
    expect(englishText).toContain(`Corrected by credit note ${seeded.credit.number}`);
    expect(
      (await t.fetch(`${C}/invoices/${seeded.paid.id}/pdf`, { headers: { authorization: `Bearer ${parent2}` } })).status,
    ).toBe(404);
  });

  it('embeds the town’s logo when its branding gives one inline, and breaks long invoices over pages', async () => {
    const { collectivityId, householdId } = await householdOf(t, DEMO.parent);
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    await t.deps.db
      .updateTable('collectivities')
      .set({ branding: JSON.stringify({ primaryColor: '#005a9c', logoUrl: `data:image/png;base64,${png}` }) as never })
      .where('id', '=', collectivityId)
      .execute();
    const long = await buildInvoice(t, {
      collectivityId,
      householdId,
      number: 'FA-2098-000001',
      issuedAt: new Date(shifted(t.clock.now(), -86_400_000)),
      lines: Array.from({ length: 80 }, (_, i) => ({
        childId: null,
        date: `2098-01-${String((i % 28) + 1).padStart(2, '0')}`,
        label: `Ligne ${i + 1}`,
        unitCents: 100,
      })),
    });
    const res = await t.fetch(`${C}/invoices/${long.id}/pdf`, { headers: { authorization: `Bearer ${parent}` } });
    const raw = Buffer.from(await res.arrayBuffer());
    expect(raw.toString('latin1')).toContain('/Subtype /Image');
    const text = pdfText(new Uint8Array(raw));
    expect(text).toMatch(/Page 2 sur [23]/);
    expect(text).toContain('Ligne 80');
    expect(text).toContain(euros(8000));
  });
});

describe('paying an invoice online', () => {
  it('starts a payment of the invoice’s total, gives the pending one again, and marks the invoice paid once the provider says so', async () => {
    const first = await pay(seeded.toPay.id);
    expect(first.status).toBe(200);
    const { payment } = first.body;
    const row = await t.deps.db.selectFrom('payments').selectAll().where('id', '=', payment.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      purpose: 'invoice',
      invoice_id: seeded.toPay.id,
      amount_cents: seeded.toPay.totalCents,
      status: 'pending',
    });
    expect(row.provider_ref).not.toBeNull();
    expect(new URL(payment.url).pathname).toBe(`/pay/demo/${payment.id}`);
    expect(new URL(payment.url).searchParams.get('return')).toBe(RETURN_URL);

    const again = await pay(seeded.toPay.id);
    expect(again.body.payment).toEqual(payment);

    // The payer pays on the demo provider's page, which notifies Foyer.
    const page = new URL(payment.url);
    const form = new URLSearchParams({
      action: 'pay',
      return: page.searchParams.get('return') ?? '',
      return_mac: page.searchParams.get('return_mac') ?? '',
    });
    const paid = await t.request('POST', `/pay/demo/${payment.id}`, {
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(paid.status).toBe(303);
    const detail = (await t.request('GET', `${C}/invoices/${seeded.toPay.id}`, { token: parent })).body;
    expect(detail).toMatchObject({ status: 'paid', payable: false, paidAt: t.clock.now().toISOString() });

    const late = await pay(seeded.toPay.id);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('invoice_not_payable');
    expect(late.body.detail).toMatch(/n'est plus à payer/);
  });

  it('refuses a credit note, another household’s invoice, a foreign return address and a call without an Idempotency-Key', async () => {
    expect((await pay(seeded.credit.id)).body.code).toBe('invoice_not_payable');
    expect((await pay(seeded.paid.id)).status).toBe(409);
    expect((await pay(seeded.paid.id, parent2)).status).toBe(404);
    const { collectivityId, householdId } = await householdOf(t, DEMO.parent);
    const open = await buildInvoice(t, {
      collectivityId,
      householdId,
      number: 'FA-2097-000001',
      issuedAt: t.clock.now(),
      lines: [{ childId: null, date: null, label: 'Repas', unitCents: 320, quantity: 3 }],
    });
    expect((await pay(open.id, parent, { returnUrl: 'https://evil.example/' })).body.code).toBe('return_url_not_allowed');
    const keyless = await t.request('POST', `${C}/invoices/${open.id}/pay`, { token: parent, body: {} });
    expect(keyless.status).toBe(400);
    expect(keyless.body.code).toBe('idempotency_key_required');
    expect(await t.deps.db.selectFrom('payments').select('id').where('invoice_id', '=', open.id).execute()).toEqual([]);
  });

  it('shows an invoice collected by direct debit as « prélevée » with its day, and offers no online payment', async () => {
    const { collectivityId, householdId } = await householdOf(t, DEMO.parent);
    const debited = await buildInvoice(t, {
      collectivityId,
      householdId,
      number: 'FA-2097-000042',
      issuedAt: t.clock.now(),
      lines: [{ childId: null, date: null, label: 'Repas', unitCents: 320, quantity: 2 }],
    });
    await t.deps.db.updateTable('invoices').set({ debit_on: '2097-02-05' }).where('id', '=', debited.id).execute();
    const read = await t.request('GET', `${C}/invoices/${debited.id}`, { token: parent });
    expect(read.body).toMatchObject({ status: 'debited', payable: false, debitedOn: '2097-02-05' });
    expect((await pay(debited.id)).body.code).toBe('invoice_not_payable');
  });

  it('starts a new payment once the pending one has lapsed', async () => {
    const { collectivityId, householdId } = await householdOf(t, DEMO.parent);
    const open = await buildInvoice(t, {
      collectivityId,
      householdId,
      number: 'FA-2097-000002',
      issuedAt: t.clock.now(),
      lines: [{ childId: null, date: null, label: 'Garderie', unitCents: 150 }],
    });
    const first = (await pay(open.id)).body.payment;
    t.clock.advance(31 * 60_000);
    // The access token has lapsed too: sign in again.
    parent = (await t.login(DEMO.parent)).accessToken;
    const second = (await pay(open.id)).body.payment;
    expect(second.id).not.toBe(first.id);
  });
});
