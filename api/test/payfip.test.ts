import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentProvider } from '../src/deps.js';
import { addDays, localDateOf } from '../src/domain/index.js';
import { createPayment } from '../src/modules/payments/create-payment.js';
import { PayfipPaymentProvider, reconcilePayfip, savePayfipSettings } from '../src/modules/payments/payfip/index.js';
import { buildHouseholds } from './builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { type PayfipStandIn, startPayfipStandIn } from './payfip-stand-in.js';

// Foyer and the PayFiP stand-in talk over real HTTP: Foyer calls the stand-in's SOAP service,
// the test plays the payer on the stand-in's page, and the stand-in posts its notification to
// Foyer's listening server, as PayFiP would.

const NUMCLI = '123456';
const ADMIN = '/v1/collectivities/ville-de-demo/admin';
const RETURN_URL = 'https://www.ville-de-demo.example/factures';

let t: TestApp;
let family: DemoFamily;
let payfip: PayfipPaymentProvider;
let standIn: PayfipStandIn;
let foyerUrl: string;
let closeFoyer: () => Promise<void>;
let invoiceNumber = 0;

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  const server = createAdaptorServer({
    fetch: async (request: Request) => {
      const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await request.text();
      return t.fetch(request.url, { method: request.method, headers: request.headers, body });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  foyerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closeFoyer = () => new Promise((resolve) => server.close(() => resolve()));
  standIn = await startPayfipStandIn({ knownClients: [NUMCLI], now: () => t.clock.now() });
  await savePayfipSettings(
    t.deps.db,
    {
      collectivityId: family.collectivityId,
      numcli: NUMCLI,
      saisie: 'T',
      serviceUrl: standIn.serviceUrl,
      pageUrl: standIn.pageUrl,
      active: true,
    },
    t.clock.now(),
  );
  // The town's site, where PayFiP sends the payer back.
  await t.deps.db
    .updateTable('collectivities')
    .set({ embedding_origins: ['https://www.ville-de-demo.example'] })
    .where('id', '=', family.collectivityId)
    .execute();
  payfip = new PayfipPaymentProvider({ db: t.deps.db, clock: t.clock, publicUrl: foyerUrl, logger: t.deps.logger });
  (t.deps.payments as Map<string, PaymentProvider>).set('payfip', payfip);
});
afterAll(async () => {
  await standIn?.close();
  await closeFoyer?.();
  await t?.close();
});

/** A new household of the town, with a guardian's email. */
async function newHousehold() {
  const [built] = await buildHouseholds(t, {
    count: 1,
    collectivityId: family.collectivityId,
    activityIds: [family.activity.leisureDay],
  });
  if (!built) throw new Error('no household built');
  return built;
}

/** An issued invoice of the household, due in a month. */
async function issuedInvoice(householdId: string, totalCents: number): Promise<string> {
  const row = await t.deps.db
    .insertInto('invoices')
    .values({
      collectivity_id: family.collectivityId,
      household_id: householdId,
      kind: 'invoice',
      number: `PAYFIP-${++invoiceNumber}-${Date.now()}`,
      issued_at: t.clock.now(),
      created_at: t.clock.now(),
      due_date: '2099-12-31',
      status: 'issued',
      total_cents: totalCents,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The online payment of an invoice, started through the PayFiP provider as the family's pay route would. */
async function invoicePayment(householdId: string, invoiceId: string, cents: number): Promise<{ id: string; url: string }> {
  const id = crypto.randomUUID();
  const started = await payfip.start({
    id,
    collectivityId: family.collectivityId,
    amountCents: cents,
    label: 'Facture',
    returnUrl: RETURN_URL,
  });
  await t.deps.db
    .insertInto('payments')
    .values({
      collectivity_id: family.collectivityId,
      id,
      household_id: householdId,
      provider: 'payfip',
      provider_ref: started.providerRef,
      purpose: 'invoice',
      invoice_id: invoiceId,
      status: 'pending',
      amount_cents: cents,
      expires_at: new Date(t.clock.now().getTime() + 60 * 60_000),
    })
    .execute();
  return { id, url: started.url };
}

/** The payer follows Foyer's link: Foyer opens the operation at PayFiP and sends them to its page. Returns the idOp. */
async function openAtPayfip(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status, await response.text()).toBe(303);
  const page = new URL(response.headers.get('location') ?? '');
  expect(`${page.origin}${page.pathname}`).toBe(standIn.pageUrl);
  const idOp = page.searchParams.get('idop') ?? '';
  const shown = await fetch(page);
  expect(shown.status).toBe(200);
  expect(await shown.text()).toContain('Payer');
  return idOp;
}

const paymentRow = (id: string) =>
  t.deps.db
    .selectFrom('payments')
    .selectAll()
    .where('collectivity_id', '=', family.collectivityId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const invoiceRow = (id: string) =>
  t.deps.db
    .selectFrom('invoices')
    .selectAll()
    .where('collectivity_id', '=', family.collectivityId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** A notification posted to Foyer as PayFiP posts it (or as anyone could forge it). */
const notify = (body: string) =>
  fetch(`${foyerUrl}/v1/payments/payfip/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });

/** The parent's address, which PayFiP receives as `mel`. */
const parentEmail = async (accountId: string) =>
  (await t.deps.db.selectFrom('accounts').select('email').where('id', '=', accountId).executeTakeFirstOrThrow()).email;

const lookups = () => standIn.soapCalls.filter((c) => c.operation === 'recupererDetailPaiementSecurise').length;

describe('PayFiP', () => {
  it('pays an invoice: Foyer sends the documented fields, and the payment is paid once PayFiP’s lookup confirms it', async () => {
    const household = await newHousehold();
    const invoiceId = await issuedInvoice(household.householdId, 4250);
    const payment = await invoicePayment(household.householdId, invoiceId, 4250);
    const idOp = await openAtPayfip(payment.url);

    const sent = standIn.operations.get(idOp)?.fields;
    expect(sent).toMatchObject({
      numcli: NUMCLI,
      montant: '4250',
      saisie: 'T',
      mel: await parentEmail(household.accountId),
      urlnotif: `${foyerUrl}/v1/payments/payfip/notify`,
      urlredirect: RETURN_URL,
    });
    // The year in the town's time zone (on 31 December at 23:30 UTC, Paris is already in the next one).
    expect(sent?.exer).toBe(localDateOf(t.clock.now(), 'Europe/Paris').slice(0, 4));
    expect(sent?.refdet).toMatch(/^[A-Z0-9]{25}$/);
    expect(sent?.objet).toMatch(/^Facture PAYFIP [0-9 -A-Za-z]+Ville de Demo$/);
    expect((await paymentRow(payment.id)).status).toBe('pending');

    const before = lookups();
    const payer = await standIn.choose(idOp, 'P');
    expect(payer).toEqual({ status: 302, location: RETURN_URL });
    expect(standIn.operations.get(idOp)?.notifications).toEqual([200]);
    expect(lookups()).toBe(before + 1);
    const paid = await paymentRow(payment.id);
    expect(paid.status).toBe('paid');
    expect(paid.paid_at).not.toBeNull();
    const operation = await t.deps.db
      .selectFrom('payfip_operations')
      .selectAll()
      .where('id_op', '=', idOp)
      .executeTakeFirstOrThrow();
    expect(operation).toMatchObject({ resultrans: 'P', confirmed_cents: 4250, payment_id: payment.id });
    expect(operation.numauto).toMatch(/^[0-9]{6}$/);
  });

  it('closes a payment the bank refused, and the invoice stays payable', async () => {
    const household = await newHousehold();
    const invoiceId = await issuedInvoice(household.householdId, 1800);
    const payment = await invoicePayment(household.householdId, invoiceId, 1800);
    const idOp = await openAtPayfip(payment.url);
    await standIn.choose(idOp, 'R');
    expect((await paymentRow(payment.id)).status).toBe('refused');
    expect((await invoiceRow(invoiceId)).status).toBe('issued');
    // Closed: the link no longer opens an operation.
    const again = await fetch(payment.url, { redirect: 'manual' });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('n’est plus possible');
  });

  it('closes an abandoned payment; the invoice stays payable with a new payment', async () => {
    const household = await newHousehold();
    const invoiceId = await issuedInvoice(household.householdId, 2600);
    const first = await invoicePayment(household.householdId, invoiceId, 2600);
    await standIn.choose(await openAtPayfip(first.url), 'A');
    const abandoned = await paymentRow(first.id);
    expect(abandoned.status).toBe('abandoned');
    expect(abandoned.paid_at).toBeNull();
    expect((await invoiceRow(invoiceId)).status).toBe('issued');

    const second = await invoicePayment(household.householdId, invoiceId, 2600);
    await standIn.choose(await openAtPayfip(second.url), 'P');
    expect((await paymentRow(second.id)).status).toBe('paid');
    expect((await paymentRow(first.id)).status).toBe('abandoned');
  });

  it('holds money PayFiP confirms on a second operation of a payment already abandoned', async () => {
    const household = await newHousehold();
    const invoiceId = await issuedInvoice(household.householdId, 2400);
    const payment = await invoicePayment(household.householdId, invoiceId, 2400);
    // The family opened PayFiP's page twice: two operations of one payment.
    const first = await openAtPayfip(payment.url);
    const second = await openAtPayfip(payment.url);
    expect(second).not.toBe(first);
    await standIn.choose(first, 'A');
    expect((await paymentRow(payment.id)).status).toBe('abandoned');
    await standIn.choose(second, 'P');
    expect(await paymentRow(payment.id)).toMatchObject({
      status: 'held',
      held_reason: 'paid_when_closed',
      confirmed_cents: null,
    });
    expect((await invoiceRow(invoiceId)).status).toBe('issued');
  });

  it('changes nothing on a forged notification: an unknown idOp, or one whose payer has not finished', async () => {
    const household = await newHousehold();
    const invoiceId = await issuedInvoice(household.householdId, 3100);
    const payment = await invoicePayment(household.householdId, invoiceId, 3100);
    const idOp = await openAtPayfip(payment.url);
    const before = await paymentRow(payment.id);

    const unknown = await notify(`idOp=${crypto.randomUUID()}&resultrans=P&montant=3100`);
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect((await unknown.json()).detail).toBe('PayFiP ne confirme pas cette notification : rien n’a changé.');
    // The body says paid; PayFiP's lookup says the payer is still on its page (P5).
    const early = await notify(`idOp=${idOp}&resultrans=P&montant=3100`);
    expect(early.status).toBe(400);
    expect(standIn.faults).toContain('P5');
    const junk = await notify('idOp=%3Cscript%3E');
    expect(junk.status).toBe(400);
    // A payment made in test mode (T) does not count once the town is in production (W).
    await t.deps.db
      .updateTable('payfip_settings')
      .set({ saisie: 'W' })
      .where('collectivity_id', '=', family.collectivityId)
      .execute();
    try {
      await standIn.choose(idOp, 'P');
      expect(standIn.operations.get(idOp)?.notifications).toEqual([400]);
    } finally {
      await t.deps.db
        .updateTable('payfip_settings')
        .set({ saisie: 'T' })
        .where('collectivity_id', '=', family.collectivityId)
        .execute();
    }

    expect(await paymentRow(payment.id)).toEqual(before);
    expect((await invoiceRow(invoiceId)).status).toBe('issued');
  });

  it('applies a replayed notification once: the second and third change nothing', async () => {
    const household = await newHousehold();
    const invoiceId = await issuedInvoice(household.householdId, 990 + 100);
    const payment = await invoicePayment(household.householdId, invoiceId, 1090);
    const idOp = await openAtPayfip(payment.url);
    await standIn.choose(idOp, 'P');
    const paid = await paymentRow(payment.id);
    expect(paid.status).toBe('paid');

    t.clock.advance(60_000);
    for (const _ of [1, 2]) {
      const replay = await notify(`idOp=${idOp}`);
      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual({ id: payment.id, status: 'paid' });
    }
    expect(await paymentRow(payment.id)).toEqual(paid);
  });

  it('applies concurrent copies of a notification once (PayFiP retrying while Foyer answers)', async () => {
    const household = await newHousehold();
    const invoiceId = await issuedInvoice(household.householdId, 1200);
    const payment = await invoicePayment(household.householdId, invoiceId, 1200);
    const idOp = await openAtPayfip(payment.url);
    // PayFiP has the result; its notifications arrive together.
    const operation = standIn.operations.get(idOp);
    if (!operation) throw new Error('no operation at the stand-in');
    operation.resultrans = 'P';
    const answers = await Promise.all([1, 2, 3, 4].map(() => notify(`idOp=${idOp}`)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const paid = await paymentRow(payment.id);
    expect(paid.status).toBe('paid');
    const logged = await t.deps.db
      .selectFrom('payments')
      .select('updated_at')
      .where('id', '=', payment.id)
      .executeTakeFirstOrThrow();
    expect(logged.updated_at).toEqual(paid.updated_at);
  });

  it('settles a payment whose notification was lost, by asking PayFiP once the operation is over', async () => {
    const household = await newHousehold();
    const invoiceId = await issuedInvoice(household.householdId, 3300);
    const payment = await invoicePayment(household.householdId, invoiceId, 3300);
    const idOp = await openAtPayfip(payment.url);
    // The family paid; PayFiP's notification never reached Foyer.
    const operation = standIn.operations.get(idOp);
    if (!operation) throw new Error('no operation at the stand-in');
    operation.resultrans = 'P';
    const asked = lookups();
    expect(await reconcilePayfip(t.deps)).toBe(0);
    expect(lookups()).toBe(asked);
    t.clock.advance(21 * 60_000);
    expect(await reconcilePayfip(t.deps)).toBeGreaterThanOrEqual(1);
    expect((await paymentRow(payment.id)).status).toBe('paid');
    // Confirmed: never asked again.
    const after = standIn.soapCalls.length;
    t.clock.advance(31 * 60_000);
    await reconcilePayfip(t.deps);
    expect(standIn.soapCalls.slice(after).some((c) => c.body.includes(idOp))).toBe(false);
  });

  it('holds a payment PayFiP confirms for another amount than the one asked, for an agent; the invoice is unchanged', async () => {
    const household = await newHousehold();
    const invoiceId = await issuedInvoice(household.householdId, 1500);
    const payment = await invoicePayment(household.householdId, invoiceId, 1500);
    const idOp = await openAtPayfip(payment.url);
    // The amount due changed after PayFiP's operation was created: PayFiP will confirm 15,00 €.
    await t.deps.db.updateTable('payments').set({ amount_cents: 1800 }).where('id', '=', payment.id).execute();
    await standIn.choose(idOp, 'P');

    const held = await paymentRow(payment.id);
    expect(held).toMatchObject({ status: 'held', held_reason: 'amount_mismatch', confirmed_cents: 1500, amount_cents: 1800 });
    const invoice = await invoiceRow(invoiceId);
    expect(invoice).toMatchObject({ status: 'issued', paid_at: null });
    // PayFiP's retry changes nothing more.
    expect((await notify(`idOp=${idOp}`)).status).toBe(200);
    expect(await paymentRow(payment.id)).toEqual(held);

    // The agent finds it among held payments, and accepts it: the invoice is settled.
    const agent = (await t.login(DEMO.agent)).accessToken;
    const list = await t.request('GET', `${ADMIN}/payments?status=held`, { token: agent });
    expect(list.status).toBe(200);
    expect(list.body.payments).toContainEqual(
      expect.objectContaining({
        id: payment.id,
        heldReason: 'amount_mismatch',
        amountCents: 1800,
        confirmedCents: 1500,
        invoiceId,
        invoiceNumber: expect.stringMatching(/^PAYFIP-\d+-/),
        providerRef: expect.any(String),
      }),
    );
    const accepted = await t.request('POST', `${ADMIN}/payments/${payment.id}/resolve`, {
      token: agent,
      body: { decision: 'accept', reason: 'La facture a été corrigée après le paiement : 15 € sont dus.' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'paid', resolution: 'accepted' });
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: 'paid' });
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('collectivity_id', '=', family.collectivityId)
      .where('object_id', '=', payment.id)
      .execute();
    expect(audited).toEqual([{ action: 'payment.accept' }]);
    // Decided once.
    const again = await t.request('POST', `${ADMIN}/payments/${payment.id}/resolve`, {
      token: agent,
      body: { decision: 'refuse', reason: 'Non' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
    expect(again.body.detail).toBe('Ce paiement n’attend pas de décision : il a déjà été traité.');
  });

  it('lets an agent refuse a held payment: the invoice stays payable; a bad decision gets a French problem', async () => {
    const household = await newHousehold();
    const invoiceId = await issuedInvoice(household.householdId, 2000);
    const payment = await invoicePayment(household.householdId, invoiceId, 2000);
    const idOp = await openAtPayfip(payment.url);
    await t.deps.db.updateTable('payments').set({ amount_cents: 2100 }).where('id', '=', payment.id).execute();
    await standIn.choose(idOp, 'P');
    const agent = (await t.login(DEMO.agent)).accessToken;
    const bad = await t.request('POST', `${ADMIN}/payments/${payment.id}/resolve`, {
      token: agent,
      body: { decision: 'maybe', reason: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors).toContainEqual({ path: 'body.decision', message: 'la décision doit être accept ou refuse' });
    expect((await paymentRow(payment.id)).status).toBe('held');
    const parent = (await t.login(DEMO.parent)).accessToken;
    expect((await t.request('GET', `${ADMIN}/payments`, { token: parent })).status).toBe(403);

    const refused = await t.request('POST', `${ADMIN}/payments/${payment.id}/resolve`, {
      token: agent,
      body: { decision: 'refuse', reason: 'Montant erroné : la régie rembourse.' },
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({
      status: 'refused',
      resolution: 'refused',
      resolutionReason: 'Montant erroné : la régie rembourse.',
    });
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: 'issued', paid_at: null });
  });

  it('lists the invoices unpaid past their due date, in the town’s calendar', async () => {
    const household = await newHousehold();
    const today = localDateOf(t.clock.now(), 'Europe/Paris');
    const dueOn = async (days: number, status: 'issued' | 'paid' = 'issued') => {
      const id = await issuedInvoice(household.householdId, 3000);
      await t.deps.db
        .updateTable('invoices')
        .set({ due_date: addDays(today, days), status })
        .where('id', '=', id)
        .execute();
      return id;
    };
    const late = await dueOn(-10);
    const yesterday = await dueOn(-1);
    const dueToday = await dueOn(0);
    const paidLate = await dueOn(-30, 'paid');
    const agent = (await t.login(DEMO.agent)).accessToken;
    const res = await t.request('GET', `${ADMIN}/overdue-invoices`, { token: agent });
    expect(res.status).toBe(200);
    const mine = res.body.invoices.filter((i: { householdId: string }) => i.householdId === household.householdId);
    expect(mine.map((i: { id: string; daysOverdue: number }) => [i.id, i.daysOverdue])).toEqual([
      [late, 10],
      [yesterday, 1],
    ]);
    expect(mine.map((i: { id: string }) => i.id)).not.toContain(dueToday);
    expect(mine.map((i: { id: string }) => i.id)).not.toContain(paidLate);
  });

  it('takes checkout payments of a town that uses PayFiP: the held day is booked once PayFiP confirms', async () => {
    const household = await newHousehold();
    const childId = household.childIds[0] ?? '';
    const expiresAt = new Date(t.clock.now().getTime() + 20 * 60_000);
    const date = '2099-07-07';
    const started = await t.deps.db.transaction().execute(async (trx) => {
      const booking = await trx
        .insertInto('bookings')
        .values({
          collectivity_id: family.collectivityId,
          household_id: household.householdId,
          child_id: childId,
          activity_id: family.activity.leisureDay,
          date,
          status: 'pending_payment',
          price_cents: 1850,
          hold_expires_at: expiresAt,
          created_at: t.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const payment = await createPayment(t.deps, trx, {
        collectivityId: family.collectivityId,
        householdId: household.householdId,
        bookingIds: [booking.id],
        amountCents: 1850,
        expiresAt,
        label: `ALSH ${date}`,
        returnUrl: RETURN_URL,
      });
      return { bookingId: booking.id, payment };
    });
    expect((await paymentRow(started.payment.id)).provider).toBe('payfip');
    expect(started.payment.url.startsWith(`${foyerUrl}/pay/payfip/`)).toBe(true);
    // The parent's payment answer leads to the same link while it is pending.
    const shown = await t.request('GET', `/v1/collectivities/ville-de-demo/payments/${started.payment.id}`, {
      token: household.token,
    });
    expect(shown.body).toMatchObject({
      status: 'pending',
      provider: 'payfip',
      url: `${foyerUrl}/pay/payfip/${family.collectivityId}/${started.payment.id}`,
    });

    const idOp = await openAtPayfip(started.payment.url);
    expect(standIn.operations.get(idOp)?.fields.objet).toBe('Reservations Ville de Demo');
    await standIn.choose(idOp, 'P');
    expect((await paymentRow(started.payment.id)).status).toBe('paid');
    const booking = await t.deps.db
      .selectFrom('bookings')
      .select('status')
      .where('id', '=', started.bookingId)
      .executeTakeFirstOrThrow();
    expect(booking.status).toBe('booked');
  });

  it('refuses to open an amount PayFiP does not take online, without calling it', async () => {
    const household = await newHousehold();
    const invoiceId = await issuedInvoice(household.householdId, 50);
    const payment = await invoicePayment(household.householdId, invoiceId, 50);
    const calls = standIn.soapCalls.length;
    const response = await fetch(payment.url, { redirect: 'manual' });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('lang="fr"');
    expect(page).toContain('de 1 € à 100 000 €');
    expect(standIn.soapCalls.length).toBe(calls);
  });
});
