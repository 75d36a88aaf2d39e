import { type adminBilling, createClient, invoicesOf } from '@foyer/sdk';
import { expect, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { FoyerAdminPayments } from '../../src/admin/payments/payments.component.js';
import { addDays, addMonths } from '../../src/shared/dates.js';
import { apiToday } from '../days.js';
import { $, $$, DEMO, fill, mountProvider, newFamily, storeOf, testApi, text, waitForText } from '../helpers.js';
import { adminClient, markWalkIn, mountSignedIn, newAccount, section } from './admin-helpers.js';

type InvoiceSummary = adminBilling.InvoiceSummary;

/**
 * Issued invoices of `count` families of their own, each unpaid 40 days past its due date and
 * being paid online by its parent: the month two months ago (billing.test issues last month) is
 * billed with the one day each child came without booking, then the due dates are moved back
 * (the API's clock is fixed for every test, so only the invoices can age).
 */
async function overdueInvoicesBeingPaid(count: number): Promise<{ invoice: InvoiceSummary; paymentId: string }[]> {
  const today = await apiToday();
  const month = addMonths(today, -2).slice(0, 7);
  const admin = await adminClient();
  const activity = (await admin.admin.activities.list()).activities.find((a) => a.paymentMode === 'postpaid');
  if (!activity) throw new Error('no postpaid activity in the demo');
  const families = [];
  for (let i = 0; i < count; i += 1) {
    const family = await newFamily();
    const household = (await admin.admin.households.list({ q: family.email, limit: '1' })).items[0];
    const child = household?.children[0];
    if (!household || !child) throw new Error('the new family is not listed');
    await markWalkIn(admin, { activityId: activity.id, childId: child.id, date: `${month}-12` });
    families.push({ ...family, householdId: household.id });
  }
  await admin.admin.billing.run({ month, leaveAnomaliesUnbilled: true });
  const { url } = await testApi();
  return Promise.all(
    families.map(async (family) => {
      const invoice = (await admin.admin.billing.invoices({ month, household: family.householdId, kind: 'invoice' })).items[0];
      if (!invoice) throw new Error(`${month} billed nothing to a new family`);
      expect(await executeServerCommand('foyer-invoice-due', { invoiceId: invoice.id, dueDate: addDays(today, -40) })).to.equal(
        true,
      );
      const parent = createClient({ baseUrl: url, collectivity: 'ville-de-demo' });
      await parent.auth.login({ email: family.email, password: family.password });
      const { payment } = await invoicesOf(parent).pay(invoice.id, {});
      return { invoice, paymentId: payment.id };
    }),
  );
}

/** The provider confirms the payment for 2,50 € more than asked: Foyer holds it for an agent. */
async function confirmedForMore(paid: { invoice: InvoiceSummary; paymentId: string }): Promise<number> {
  const received = paid.invoice.totalCents + 250;
  const status = await executeServerCommand('foyer-provider-confirms', { paymentId: paid.paymentId, amountCents: received });
  expect(status).to.equal('held');
  return received;
}

const reasonId = (paymentId: string) => `pay-${paymentId}-decision-reason`;

describe('<foyer-admin-payments>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('holds payments confirmed for another amount until an agent decides with a reason, and lists the invoices unpaid past due', async () => {
    const [first, second] = await overdueInvoicesBeingPaid(2);
    if (!first || !second) throw new Error('two invoices expected');
    const received = await confirmedForMore(first);
    await confirmedForMore(second);

    // A town's agent (not an admin): the contract lets agents decide.
    const agent = await newAccount('agent');
    window.history.replaceState(null, '', '#paiements');
    const { app } = await mountSignedIn(agent.email, agent.password);
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-payments'), 'no payments section');
    const payments = section<FoyerAdminPayments>(app, 'foyer-admin-payments');
    await waitUntil(
      () => payments.held?.some((p) => p.id === first.paymentId) && payments.overdue !== null,
      'the held payment is not listed',
      { timeout: 10_000 },
    );
    await payments.updateComplete;
    expect(payments.held?.find((p) => p.id === first.paymentId)).to.include({
      heldReason: 'amount_mismatch',
      amountCents: first.invoice.totalCents,
      confirmedCents: received,
      invoiceNumber: first.invoice.number,
      provider: 'demo',
    });
    const card = $$(payments, '.cards > li').find((li) => li.textContent?.includes(first.invoice.number));
    expect(card?.textContent).to.contain('Montant reçu différent du montant demandé');
    expect(card?.textContent).to.match(/DEMO-[0-9a-f]+/);
    const row = $$(payments, 'tbody tr').find((tr) => tr.textContent?.includes(first.invoice.number));
    expect(row?.textContent).to.contain('40');
    expect(row?.textContent).to.contain('À payer');
    await expect(payments).to.be.accessible();

    // The invoice's detail opens in a dialog from the overdue list; Escape closes it, the focus comes back.
    const open = $<HTMLButtonElement>(payments, `button[aria-label="Voir la facture ${first.invoice.number}"]`);
    open.focus();
    open.click();
    await waitUntil(() => payments.invoice?.id === first.invoice.id, 'the invoice did not open');
    await payments.updateComplete;
    const dialog = $<HTMLDialogElement>(payments, '#invoice-dialog');
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('(sans réservation)');
    await expect(payments).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'Escape did not close the invoice');
    expect(payments.shadowRoot?.activeElement).to.equal(open);

    // "Refuser…" then Escape: nothing is decided, the focus is back on the button.
    const refuse = $<HTMLButtonElement>(payments, `#pay-${first.paymentId}-refuse`);
    refuse.click();
    await waitUntil(() => payments.shadowRoot?.activeElement?.id === reasonId(first.paymentId), 'the reason is not focused');
    expect(text(payments)).to.contain('la régie rembourse la famille hors de Foyer');
    await sendKeys({ press: 'Escape' });
    await waitUntil(
      () => payments.shadowRoot?.activeElement?.id === `pay-${first.paymentId}-refuse`,
      'the focus did not come back',
    );

    // Accepted with a reason (the contract asks one): counted as paid, the invoice is no longer overdue.
    $<HTMLButtonElement>(payments, `#pay-${first.paymentId}-accept`).click();
    await waitUntil(() => payments.shadowRoot?.activeElement?.id === reasonId(first.paymentId), 'the reason is not focused');
    expect(text(payments)).to.contain(`la facture ${first.invoice.number} passe à « Payée »`);
    $<HTMLButtonElement>(payments, `#pay-${first.paymentId}-decision button[type="submit"]`).click();
    await waitUntil(() => Object.keys(payments.decisionForm.errors).length > 0, 'an empty reason was sent');
    await payments.updateComplete;
    expect(text(payments)).to.contain('le motif est obligatoire');
    await expect(payments).to.be.accessible();
    fill(
      $<HTMLInputElement>(payments, `#${reasonId(first.paymentId)}`),
      'Trop-perçu de 2,50 € : la régie le rembourse par virement.',
    );
    $<HTMLButtonElement>(payments, `#pay-${first.paymentId}-decision button[type="submit"]`).click();
    await waitUntil(() => payments.held?.every((p) => p.id !== first.paymentId), 'the accepted payment is still listed', {
      timeout: 10_000,
    });
    await waitUntil(() => !payments.overdue?.some((i) => i.id === first.invoice.id), 'the paid invoice is still overdue');
    await payments.updateComplete;
    expect(text(payments)).to.match(/Paiement de Famille Moreau accepté/);
    expect(payments.shadowRoot?.activeElement?.classList.contains('notice')).to.equal(true);
    await expect(payments).to.be.accessible();

    // The second one is refused by another agent while this one writes a reason: the API's problem, in French.
    $<HTMLButtonElement>(payments, `#pay-${second.paymentId}-refuse`).click();
    await waitUntil(() => payments.shadowRoot?.activeElement?.id === reasonId(second.paymentId), 'the reason is not focused');
    const admin = await adminClient();
    await admin.admin.payments.resolve(second.paymentId, { decision: 'refuse', reason: 'Montant erroné : la régie rembourse.' });
    fill($<HTMLInputElement>(payments, `#${reasonId(second.paymentId)}`), 'Montant erroné.');
    $<HTMLButtonElement>(payments, `#pay-${second.paymentId}-decision button[type="submit"]`).click();
    await waitUntil(() => payments.held?.length === 0, 'the list did not empty', { timeout: 10_000 });
    await payments.updateComplete;
    const alert = $(payments, '[role="alert"]');
    expect(alert.textContent).to.contain('Ce paiement n’attend pas de décision : il a déjà été traité.');
    expect(payments.shadowRoot?.activeElement).to.equal(alert);
    expect(text(payments)).to.contain('Aucun paiement en attente.');
    // Refused, its invoice is still to pay, and still overdue.
    expect(payments.overdue?.some((i) => i.id === second.invoice.id)).to.equal(true);
    await expect(payments).to.be.accessible();
  });

  it('speaks English on an English page, placed on its own', async () => {
    const provider = await mountProvider(html`<foyer-admin-payments heading-level="1"></foyer-admin-payments>`, { locale: 'en' });
    await storeOf(provider).login(DEMO.agent, DEMO.password);
    const payments = provider.querySelector<FoyerAdminPayments>('foyer-admin-payments');
    if (!payments) throw new Error('no <foyer-admin-payments>');
    await waitUntil(() => payments.held !== null && payments.overdue !== null, 'the lists did not load', { timeout: 10_000 });
    await payments.updateComplete;
    // The English texts come in a chunk of their own, once asked for.
    await waitForText(payments, 'Payments waiting for a decision');
    expect(text(payments)).to.contain('Invoices unpaid past their due date');
    const overdue = payments.overdue?.[0];
    if (overdue)
      expect($$(payments, 'tbody th button')[0]?.getAttribute('aria-label')).to.equal(`Open invoice ${overdue.number}`);
    await expect(payments).to.be.accessible();
  });
});
