import { createClient, invoicesOf } from '@foyer/sdk';
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { FoyerAdminPayments } from '../../src/admin/payments/payments.component.js';
import { addDays, addMonths } from '../../src/shared/dates.js';
import { apiToday } from '../days.js';
import { $, $$, fill, newFamily, testApi, text } from '../helpers.js';
import { adminClient, mountSignedIn, section } from './admin-helpers.js';

/**
 * An issued invoice of a family of its own, unpaid 40 days past its due date, that its parent
 * started to pay online: the month two months ago (billing.test issues last month) is billed
 * with the one day its child came without booking, then the due date is moved back (the API's
 * clock is fixed for every test, so only the invoice can age).
 */
async function overdueInvoiceBeingPaid() {
  const today = await apiToday();
  const month = addMonths(today, -2).slice(0, 7);
  const admin = await adminClient();
  const family = await newFamily();
  const household = (await admin.admin.households.list({ q: family.email, limit: '1' })).items[0];
  const child = household?.children[0];
  const activity = (await admin.admin.activities.list()).activities.find((a) => a.paymentMode === 'postpaid');
  if (!household || !child || !activity) throw new Error('no new family or no postpaid activity in the demo');
  await admin.admin.rollCall.mark(crypto.randomUUID(), {
    activityId: activity.id,
    childId: child.id,
    date: `${month}-12`,
    attendance: 'present',
    seenVersion: 0,
  });
  await admin.admin.billing.run({ month, leaveAnomaliesUnbilled: true });
  const invoice = (await admin.admin.billing.invoices({ month, household: household.id, kind: 'invoice' })).items[0];
  if (!invoice) throw new Error(`${month} billed nothing to the new family`);
  const moved = await executeServerCommand('foyer-invoice-due', { invoiceId: invoice.id, dueDate: addDays(today, -40) });
  expect(moved).to.equal(true);
  const { url } = await testApi();
  const parent = createClient({ baseUrl: url, collectivity: 'ville-de-demo' });
  await parent.auth.login({ email: family.email, password: family.password });
  const { payment } = await invoicesOf(parent).pay(invoice.id, {});
  return { invoice, paymentId: payment.id };
}

describe('<foyer-admin-payments>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('holds a payment confirmed for another amount until an agent accepts it with a reason, and lists the invoices unpaid past due', async () => {
    const { invoice, paymentId } = await overdueInvoiceBeingPaid();
    // The provider confirms 2,50 € more than the invoice asked.
    const received = invoice.totalCents + 250;
    expect(await executeServerCommand('foyer-provider-confirms', { paymentId, amountCents: received })).to.equal('held');

    window.history.replaceState(null, '', '#paiements');
    const { app } = await mountSignedIn();
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-payments'), 'no payments section');
    const payments = section<FoyerAdminPayments>(app, 'foyer-admin-payments');
    await waitUntil(
      () => payments.held?.some((p) => p.id === paymentId) && payments.overdue !== null,
      'the held payment is not listed',
      { timeout: 10_000 },
    );
    await payments.updateComplete;
    expect(payments.held?.find((p) => p.id === paymentId)).to.include({
      heldReason: 'amount_mismatch',
      amountCents: invoice.totalCents,
      confirmedCents: received,
      invoiceNumber: invoice.number,
      provider: 'demo',
    });
    const card = $$(payments, '.cards > li').find((li) => li.textContent?.includes(invoice.number));
    expect(card?.textContent).to.contain('Montant reçu différent du montant demandé');
    expect(card?.textContent).to.match(/DEMO-[0-9a-f]+/);
    const row = $$(payments, 'tbody tr').find((tr) => tr.textContent?.includes(invoice.number));
    expect(row?.textContent).to.contain('40');
    expect(row?.textContent).to.contain('À payer');
    await expect(payments).to.be.accessible();

    // The invoice's detail opens in a dialog from the overdue list; Escape closes it, the focus comes back.
    const open = $<HTMLButtonElement>(payments, `button[aria-label="Voir la facture ${invoice.number}"]`);
    open.focus();
    open.click();
    await waitUntil(() => payments.invoice?.id === invoice.id, 'the invoice did not open');
    await payments.updateComplete;
    const dialog = $<HTMLDialogElement>(payments, '#invoice-dialog');
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('(sans réservation)');
    await expect(payments).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'Escape did not close the invoice');
    expect(payments.shadowRoot?.activeElement).to.equal(open);

    // "Refuser…" then Escape: nothing is decided, the focus is back on the button.
    const refuse = $<HTMLButtonElement>(payments, `#pay-${paymentId}-refuse`);
    refuse.click();
    await waitUntil(
      () => payments.shadowRoot?.activeElement?.id === `pay-${paymentId}-decision-reason`,
      'the reason is not focused',
    );
    expect(text(payments)).to.contain('la régie rembourse la famille hors de Foyer');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => payments.shadowRoot?.activeElement?.id === `pay-${paymentId}-refuse`, 'the focus did not come back');

    // Accepted with a reason (the contract asks one): counted as paid, the invoice is no longer overdue.
    $<HTMLButtonElement>(payments, `#pay-${paymentId}-accept`).click();
    await waitUntil(
      () => payments.shadowRoot?.activeElement?.id === `pay-${paymentId}-decision-reason`,
      'the reason is not focused',
    );
    expect(text(payments)).to.contain(`la facture ${invoice.number} passe à « Payée »`);
    $<HTMLButtonElement>(payments, `#pay-${paymentId}-decision button[type="submit"]`).click();
    await waitUntil(() => Object.keys(payments.decisionForm.errors).length > 0, 'an empty reason was sent');
    await payments.updateComplete;
    expect(text(payments)).to.contain('le motif est obligatoire');
    await expect(payments).to.be.accessible();
    const reason = $<HTMLTextAreaElement>(payments, `#pay-${paymentId}-decision-reason`);
    fill(reason as unknown as HTMLInputElement, 'Trop-perçu de 2,50 € : la régie le rembourse par virement.');
    $<HTMLButtonElement>(payments, `#pay-${paymentId}-decision button[type="submit"]`).click();
    await waitUntil(() => payments.held?.length === 0, 'the held payment is still listed', { timeout: 10_000 });
    await waitUntil(() => !payments.overdue?.some((i) => i.id === invoice.id), 'the paid invoice is still overdue');
    await payments.updateComplete;
    expect(text(payments)).to.contain('Aucun paiement en attente.');
    expect(text(payments)).to.match(/Paiement de Famille Moreau accepté/);
    expect(payments.shadowRoot?.activeElement?.classList.contains('notice')).to.equal(true);
    await expect(payments).to.be.accessible();
  });
});
