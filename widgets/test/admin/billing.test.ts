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

  it('previews last month, issues it, credits one line of an invoice (avoir partiel), then the rest with a reason', async () => {
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
    await markWalkIn(admin, { activityId: activity.id, childId: child.id, date: `${month}-13` });
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

    const invoice = billing.invoices.find((i) => i.household.id === household?.id);
    if (!invoice) throw new Error('no invoice for the household with walk-ins');
    const openCredit = async () => {
      $<HTMLButtonElement>(billing, `button[aria-label*="${invoice.number}"]`).click();
      await waitUntil(() => billing.shadowRoot?.activeElement?.id === `reason-${invoice.id}`, 'the credit form did not open');
      await billing.updateComplete;
    };

    // A partial credit: untick every line but the first, which alone is credited.
    await openCredit();
    await expect(billing).to.be.accessible();
    const lines = $$<HTMLInputElement>(billing, 'form input[name="line"]');
    expect(lines.length).to.be.greaterThan(1);
    for (const line of lines.slice(1)) line.click();
    fill($<HTMLInputElement>(billing, `#reason-${invoice.id}`), 'Jour facturé à tort');
    $<HTMLButtonElement>(billing, 'form button[type="submit"]').click();
    const partly = () => billing.invoices.find((i) => i.id === invoice.id);
    await waitUntil(() => (partly()?.creditedCents ?? 0) > 0, 'the line was not credited', { timeout: 10_000 });
    await billing.updateComplete;
    expect(billing.error, text(billing)).to.equal(null);
    expect(partly()).to.include({ status: 'issued', remainingCents: invoice.totalCents - (partly()?.creditedCents ?? 0) });
    expect(text(billing)).to.match(/Avoir AV-\S+ de .+ émis sur .+ : reste à payer/);
    await expect(billing).to.be.accessible();

    // The rest: the credited line is not offered again.
    await openCredit();
    expect($$<HTMLInputElement>(billing, 'form input[name="line"]')).to.have.length(lines.length - 1);
    expect(text(billing)).to.contain('1 ligne(s) déjà créditée(s).');
    fill($<HTMLInputElement>(billing, `#reason-${invoice.id}`), 'Erreur de pointage');
    $<HTMLButtonElement>(billing, 'form button[type="submit"]').click();
    await waitUntil(() => partly()?.status === 'cancelled', 'the invoice was not credited', { timeout: 10_000 });
    await billing.updateComplete;
    expect(text(billing)).to.contain('Erreur de pointage');
    expect(text(billing)).to.match(/annulée par l'avoir AV-/);
    await expect(billing).to.be.accessible();
  });
});
