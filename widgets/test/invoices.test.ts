import { expect, html, waitUntil } from '@open-wc/testing';
import type { FoyerInvoices } from '../src/invoices/invoices.component.js';
import { $$, mountProvider, signIn, waitForText } from './helpers.js';

describe('<foyer-invoices>', () => {
  it('shows the invoices, opens one by child and day, downloads its PDF and offers to pay it online', async () => {
    const provider = await mountProvider(html`<foyer-invoices></foyer-invoices>`, { storage: 'session', id: 'invoices-test' });
    await signIn(provider);
    const invoices = provider.querySelector<FoyerInvoices>('foyer-invoices')!;
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

    // "Payer en ligne" is offered for the invoice to pay, and only for it.
    const pay = $$<HTMLButtonElement>(invoices, '.detail button').find((b) => b.textContent?.includes('Payer en ligne'));
    expect(pay).to.not.equal(undefined);
  });
});
