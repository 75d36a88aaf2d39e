import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { FoyerPaymentRedirectEvent } from '../src/events/payment-redirect.js';
import type { FoyerInvoices } from '../src/invoices/invoices.component.js';
import { $, $$, mountProvider, payOnDemoPage, signIn, waitForText } from './helpers.js';

describe('<foyer-invoices>', () => {
  it('shows the invoices, opens one by child and day, downloads its PDF, pays it online and then reads it paid', async () => {
    // The page the payment page sends the parent back to, as a town's page would be.
    const returnUrl = `${window.location.origin}/widgets/test/fixtures/return.html`;
    let provider = await mountProvider(html`<foyer-invoices return-url=${returnUrl}></foyer-invoices>`, {
      storage: 'session',
      id: 'invoices-test',
    });
    await signIn(provider);
    let invoices = provider.querySelector<FoyerInvoices>('foyer-invoices')!;
    await waitUntil(() => customElements.get('foyer-invoices') && invoices.items !== undefined, 'the invoices did not load', {
      timeout: 15_000,
    });
    await waitForText(invoices, 'Mes factures');
    await waitForText(invoices, 'À payer');
    await waitForText(invoices, 'Payée');
    await waitForText(invoices, /Avoir AV-\d{4}-\d{6}/);
    await waitForText(invoices, /Corrige la facture FA-/);
    await expect(invoices).to.be.accessible();

    // The invoice to pay: its detail by child and day.
    const toPay = invoices.items!.find((i) => i.status === 'to_pay')!;
    const open = $$<HTMLButtonElement>(invoices, 'tbody th button').find((b) => b.textContent?.includes(toPay.number))!;
    open.click();
    await waitForText(invoices, 'Télécharger le PDF');
    await waitForText(invoices, /Alvaro/);
    await waitForText(invoices, 'Sous-total');
    await expect(invoices).to.be.accessible();

    // "Télécharger le PDF": the file handed to the browser is a PDF.
    const created: Blob[] = [];
    const original = URL.createObjectURL;
    // The browser would save the file; the test only looks at it.
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = () => {};
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      created.push(blob as Blob);
      return original(blob);
    };
    try {
      $$<HTMLButtonElement>(invoices, '.detail button')
        .find((b) => b.textContent?.includes('Télécharger'))!
        .click();
      await waitUntil(() => created.length > 0, 'no PDF was downloaded', { timeout: 10_000 });
    } finally {
      URL.createObjectURL = original;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(created[0]!.type).to.equal('application/pdf');
    expect(new TextDecoder().decode((await created[0]!.arrayBuffer()).slice(0, 5))).to.equal('%PDF-');

    // "Payer en ligne": the test takes the payment page's address instead of leaving.
    invoices.addEventListener('foyer-payment-redirect', (e) => e.preventDefault(), { once: true });
    const redirect = oneEvent(invoices, 'foyer-payment-redirect') as Promise<FoyerPaymentRedirectEvent>;
    $$<HTMLButtonElement>(invoices, '.detail button')
      .find((b) => b.textContent?.includes('Payer en ligne'))!
      .click();
    const { detail } = await redirect;
    const back = new URL(await payOnDemoPage(detail.url));
    expect(back.origin + back.pathname).to.equal(returnUrl);
    expect(back.searchParams.get('foyer-payment')).to.equal(detail.paymentId);

    expect(back.origin).to.equal(window.location.origin);

    // Back on the page: the invoice reads paid, with nothing left to pay.
    provider.remove();
    provider = await mountProvider(html`<foyer-invoices return-url=${returnUrl}></foyer-invoices>`, {
      storage: 'session',
      id: 'invoices-test',
    });
    invoices = provider.querySelector<FoyerInvoices>('foyer-invoices')!;
    await waitUntil(() => invoices.items?.find((i) => i.id === toPay.id)?.status === 'paid', 'the invoice is not paid', {
      timeout: 15_000,
    });
    await invoices.updateComplete;
    expect($(invoices, 'table').textContent).to.not.contain('À payer');
    await expect(invoices).to.be.accessible();
  });
});
