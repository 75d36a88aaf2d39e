import { expect, waitUntil } from '@open-wc/testing';
import type { FoyerAdminBilling } from '../../src/admin/billing/billing.component.js';
import { apiToday } from '../days.js';
import { $, $$, fill, text } from '../helpers.js';
import { adminClient, markWalkIn, mountSignedIn, section } from './admin-helpers.js';

/** `YYYY-MM` of the month before the one holding `date`. */
function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

describe('<foyer-admin-billing>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('previews last month, issues it after a confirmation, and cancels an invoice by a credit note with a reason', async () => {
    window.history.replaceState(null, '', '#facturation');
    const { app } = await mountSignedIn();
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-billing'), 'no billing section');
    const billing = section<FoyerAdminBilling>(app, 'foyer-admin-billing');
    await billing.updateComplete;
    const month = previousMonth(await apiToday());
    // Last month's history: a child came without booking (the roll call adds a walk-in), so the month bills something.
    const admin = await adminClient();
    const activity = (await admin.admin.activities.list()).activities.find((a) => a.paymentMode === 'postpaid');
    const household = (await admin.admin.households.list({ limit: '1' })).items[0];
    const child = household?.children[0];
    if (!activity || !child) throw new Error('no postpaid activity or child in the demo');
    await markWalkIn(admin, { activityId: activity.id, childId: child.id, date: `${month}-12` });
    fill($<HTMLInputElement>(billing, '#billing-month'), month);
    await waitUntil(() => !billing.busy, 'the invoices of the month did not load');
    await billing.updateComplete;

    $$<HTMLButtonElement>(billing, 'button')
      .find((b) => b.textContent?.includes('Aperçu du mois'))
      ?.click();
    await waitUntil(() => billing.run?.status === 'preview' || billing.error, 'no preview', { timeout: 15_000 });
    expect(billing.error, text(billing)).to.equal(null);
    await billing.updateComplete;
    expect(billing.run?.invoiceCount).to.be.greaterThan(0);
    expect(text(billing)).to.contain('Totaux par activité');
    await expect(billing).to.be.accessible();

    $$<HTMLButtonElement>(billing, 'button')
      .find((b) => b.textContent?.includes('Émettre les factures'))
      ?.click();
    await waitUntil(() => billing.shadowRoot?.querySelector('.confirm'), 'no confirmation');
    await billing.updateComplete;
    expect(billing.shadowRoot?.activeElement?.id).to.equal('confirm-heading');
    await expect(billing).to.be.accessible();
    const leave = billing.shadowRoot?.querySelector<HTMLInputElement>('.confirm input[type="checkbox"]');
    if (leave) leave.click();
    await billing.updateComplete;
    $$<HTMLButtonElement>(billing, '.confirm button')
      .find((b) => b.textContent?.includes('Confirmer'))
      ?.click();
    await waitUntil(() => billing.invoices.length > 0, 'no invoices listed', { timeout: 20_000 });
    await billing.updateComplete;
    expect(text(billing)).to.match(/factures émises pour/);

    const first = billing.invoices[0];
    if (!first) throw new Error('no invoice');
    $<HTMLButtonElement>(billing, `button[aria-label*="${first.number}"]`).click();
    await billing.updateComplete;
    const reason = $<HTMLInputElement>(billing, `#reason-${first.id}`);
    expect(billing.shadowRoot?.activeElement).to.equal(reason);
    await expect(billing).to.be.accessible();
    fill(reason, 'Erreur de pointage');
    $<HTMLButtonElement>(billing, 'form button[type="submit"]').click();
    await waitUntil(() => billing.invoices[0]?.status === 'cancelled', 'the invoice was not credited', { timeout: 10_000 });
    await billing.updateComplete;
    expect(text(billing)).to.contain('Erreur de pointage');
    expect(text(billing)).to.match(/annulée par l'avoir AV-/);
  });
});
