import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from './admin-test-support.js';
import { agentWithRole } from './agent-builders.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { buildInvoice, householdOf } from './invoice-builders.js';

const C = '/v1/collectivities/ville-de-demo';
let t: TestApp;
let admin: string;
let parent: string;
let household: { collectivityId: string; householdId: string };
let numbers = 0;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.login(DEMO.agent)).accessToken;
  parent = (await t.login(DEMO.parent)).accessToken;
  household = await householdOf(t, DEMO.parent);
});
afterAll(() => t.close());

/** An issued invoice of the demo household with three days at 4,20 €, read back as an agent sees it. */
async function threeDayInvoice(status: 'issued' | 'paid' = 'issued') {
  const { id } = await buildInvoice(t, {
    ...household,
    number: `FA-2098-${String(++numbers).padStart(6, '0')}`,
    status,
    issuedAt: t.clock.now(),
    dueDate: '2099-01-31',
    lines: [1, 2, 3].map((d) => ({
      childId: null,
      date: `2098-11-0${d}`,
      label: `Restauration du ${d} novembre`,
      unitCents: 420,
    })),
  });
  if (status === 'paid') await t.deps.db.updateTable('invoices').set({ paid_at: t.clock.now() }).where('id', '=', id).execute();
  const detail = await t.request('GET', `${ADMIN}/invoices/${id}`, { token: admin });
  return detail.body as { id: string; number: string; lines: { id: string; credited: boolean }[] };
}

const credit = (id: string, body: Record<string, unknown>, token = admin) =>
  t.request('POST', `${ADMIN}/invoices/${id}/credit`, { token, body });

let keys = 0;
const pay = (id: string) =>
  t.request('POST', `${C}/invoices/${id}/pay`, {
    token: parent,
    body: { returnUrl: `${t.deps.config.publicUrl}/factures` },
    headers: { 'idempotency-key': `partial-credit-pay-${++keys}` },
  });

const serial = (number: string) => Number(number.split('-')[2]);

describe('crediting an invoice partly (avoir partiel)', () => {
  it('credits chosen lines: a credit note referencing the invoice, lines that add up, the invoice still to pay for the rest', async () => {
    const invoice = await threeDayInvoice();
    const [, second] = invoice.lines;
    const res = await credit(invoice.id, { reason: 'Sortie scolaire : repas non servi', lines: [second?.id] });
    expect(res.status).toBe(201);
    expect(res.body.creditNote).toMatchObject({
      kind: 'credit_note',
      correctsInvoiceId: invoice.id,
      totalCents: -420,
      creditBalance: false,
      cancelReason: 'Sortie scolaire : repas non servi',
    });
    expect(res.body.creditNote.number).toMatch(/^AV-\d{4}-\d{6}$/);
    expect(res.body.invoice).toMatchObject({ status: 'issued', totalCents: 1260, creditedCents: 420, remainingCents: 840 });
    const note = (await t.request('GET', `${ADMIN}/invoices/${res.body.creditNote.id}`, { token: admin })).body;
    expect(note.lines).toEqual([
      expect.objectContaining({
        totalCents: -420,
        creditsLineId: second?.id,
        reason: 'credit',
        label: expect.stringContaining(invoice.number),
      }),
    ]);
    const after = (await t.request('GET', `${ADMIN}/invoices/${invoice.id}`, { token: admin })).body;
    expect(after.lines.map((l: { credited: boolean }) => l.credited)).toEqual([false, true, false]);
    expect(after.totalCents).toBe(1260);

    const family = (await t.request('GET', `${C}/invoices/${invoice.id}`, { token: parent })).body;
    expect(family).toMatchObject({ status: 'to_pay', payable: true, totalCents: 1260, remainingCents: 840, creditedCents: 420 });
    expect(family.creditNotes).toEqual([{ id: res.body.creditNote.id, number: res.body.creditNote.number, totalCents: -420 }]);
  });

  it('refuses to credit the same line twice, with a clear French problem naming it, and issues no number for it', async () => {
    const invoice = await threeDayInvoice();
    const line = invoice.lines[0]?.id;
    expect((await credit(invoice.id, { reason: 'Absence justifiée', lines: [line] })).status).toBe(201);
    const twice = await t.request('POST', `${ADMIN}/invoices/${invoice.id}/credit`, {
      token: admin,
      body: { reason: 'Encore', lines: [line] },
      headers: { 'accept-language': 'fr' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('invoice_line_already_credited');
    expect(twice.body.detail).toMatch(/déjà créditée/);
    expect(twice.body.lineIds).toEqual([line]);
    const unknown = await credit(invoice.id, { reason: 'Erreur', lines: [crypto.randomUUID()] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('body.lines');
  });

  it('credits what is left with a full credit after a partial one, and then cancels the unpaid invoice', async () => {
    const invoice = await threeDayInvoice();
    await credit(invoice.id, { reason: 'Un jour', lines: [invoice.lines[2]?.id] });
    const rest = await credit(invoice.id, { reason: 'Facture erronée' });
    expect(rest.status).toBe(201);
    expect(rest.body.creditNote.totalCents).toBe(-840);
    expect(rest.body.invoice).toMatchObject({ status: 'cancelled', creditedCents: 1260, remainingCents: 0 });
    const again = await credit(invoice.id, { reason: 'Encore' });
    expect(again.body.code).toBe('invoice_not_creditable');
    const family = (await t.request('GET', `${C}/invoices/${invoice.id}`, { token: parent })).body;
    expect(family).toMatchObject({ status: 'cancelled', payable: false, remainingCents: 0 });
  });

  it('credits a paid invoice: it stays paid, and the credit note is owed to the household', async () => {
    const invoice = await threeDayInvoice('paid');
    const res = await credit(invoice.id, { reason: 'Repas facturé à tort', lines: [invoice.lines[0]?.id] });
    expect(res.status).toBe(201);
    expect(res.body.invoice).toMatchObject({ status: 'paid', creditedCents: 420 });
    expect(res.body.creditNote).toMatchObject({ totalCents: -420, creditBalance: true });
    const list = (await t.request('GET', `${C}/invoices?limit=100`, { token: parent })).body.items;
    expect(list.find((i: { id: string }) => i.id === res.body.creditNote.id)).toMatchObject({
      kind: 'credit_note',
      status: 'issued',
      creditBalance: true,
      corrects: { id: invoice.id, number: invoice.number, totalCents: 1260 },
    });
    expect(list.find((i: { id: string }) => i.id === invoice.id)).toMatchObject({ status: 'paid', payable: false });
    // Fully credited, a paid invoice stays paid: the money came in, the town owes it back.
    const rest = await credit(invoice.id, { reason: 'Tout le mois' });
    expect(rest.body.invoice).toMatchObject({ status: 'paid', creditedCents: 1260, remainingCents: 0 });
  });

  it('asks online payment for what remains, not a pending payment of the former total', async () => {
    const invoice = await threeDayInvoice();
    const before = await pay(invoice.id);
    expect(before.status).toBe(200);
    await credit(invoice.id, { reason: 'Un jour non dû', lines: [invoice.lines[1]?.id] });
    const after = await pay(invoice.id);
    expect(after.status).toBe(200);
    expect(after.body.payment.id).not.toBe(before.body.payment.id);
    const row = await t.deps.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', after.body.payment.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ purpose: 'invoice', invoice_id: invoice.id, amount_cents: 840 });
  });

  it('lists a partly credited invoice past its due date as overdue for what remains', async () => {
    const invoice = await threeDayInvoice();
    await t.deps.db.updateTable('invoices').set({ due_date: '2000-01-31' }).where('id', '=', invoice.id).execute();
    await credit(invoice.id, { reason: 'Un jour non dû', lines: [invoice.lines[0]?.id] });
    const overdue = await t.request('GET', `${ADMIN}/overdue-invoices`, { token: admin });
    expect(overdue.status).toBe(200);
    expect(overdue.body.invoices.find((i: { id: string }) => i.id === invoice.id)).toMatchObject({
      totalCents: 1260,
      dueCents: 840,
    });
    // Credited in full, it is cancelled: no longer overdue.
    await credit(invoice.id, { reason: 'Le reste' });
    const after = await t.request('GET', `${ADMIN}/overdue-invoices`, { token: admin });
    expect(after.body.invoices.some((i: { id: string }) => i.id === invoice.id)).toBe(false);
  });

  it('numbers two credit notes issued at once without a gap, and credits each line once', async () => {
    const invoice = await threeDayInvoice();
    const other = await threeDayInvoice();
    const [a, b, c] = await Promise.all([
      credit(invoice.id, { reason: 'A', lines: [invoice.lines[0]?.id] }),
      credit(other.id, { reason: 'B', lines: [other.lines[0]?.id] }),
      credit(invoice.id, { reason: 'C', lines: [invoice.lines[0]?.id] }),
    ]);
    const statuses = [a.status, b.status, c.status];
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(1);
    const issued = [a, b, c].filter((r) => r.status === 201).map((r) => serial(r.body.creditNote.number));
    expect(Math.abs((issued[0] ?? 0) - (issued[1] ?? 0))).toBe(1);
    const credited = await t.deps.db
      .selectFrom('invoices')
      .select('credited_cents')
      .where('id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    expect(credited.credited_cents).toBe(420);
  });

  it('lets only admins credit, as before', async () => {
    const invoice = await threeDayInvoice();
    const agent = await agentWithRole(t, 'agent');
    expect((await credit(invoice.id, { reason: 'Non', lines: [invoice.lines[0]?.id] }, agent.token)).status).toBe(403);
  });
});
