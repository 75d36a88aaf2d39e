import { type FoyerClient, FoyerError, invoicesOf } from '@foyer/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type SdkTestApp, startSdkTestApp } from './api.js';

let api: SdkTestApp;
let parent: FoyerClient;
beforeAll(async () => {
  api = await startSdkTestApp();
  parent = api.client();
  await parent.auth.login({ email: DEMO.parent, password: DEMO.password });
});
afterAll(() => api.close());

describe('the invoices namespace', () => {
  it('lists every invoice and credit note by async iteration, page after page', async () => {
    const first = await invoicesOf(parent).list({ limit: '1' });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const all = [];
    for await (const invoice of invoicesOf(parent).list({ limit: '1' })) all.push(invoice);
    expect(all.map((i) => i.kind).sort()).toEqual(['credit_note', 'invoice', 'invoice']);
    expect(new Set(all.map((i) => i.id)).size).toBe(3);
  });

  it('gets an invoice, downloads its PDF and starts its payment', async () => {
    const toPay = (await invoicesOf(parent).list()).items.find((i) => i.status === 'to_pay');
    if (!toPay) throw new Error('the demo seed has no invoice to pay');
    const detail = await invoicesOf(parent).get(toPay.id);
    expect(detail.number).toBe(toPay.number);
    expect(detail.children.length).toBeGreaterThan(0);

    const pdf = await invoicesOf(parent).pdf(toPay.id);
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe(`${toPay.number}.pdf`);
    expect(new TextDecoder().decode((await pdf.blob.arrayBuffer()).slice(0, 5))).toBe('%PDF-');

    const { payment } = await invoicesOf(parent).pay(toPay.id, {});
    expect(payment.url).toContain(`/pay/demo/${payment.id}`);
    expect((await invoicesOf(parent).pay(toPay.id, {})).payment.id).toBe(payment.id);
  });

  it('rejects paying a credit note with the API’s code', async () => {
    const credit = (await invoicesOf(parent).list()).items.find((i) => i.kind === 'credit_note');
    const error = await invoicesOf(parent)
      .pay(credit?.id ?? '', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FoyerError);
    expect((error as FoyerError).code).toBe('invoice_not_payable');
  });
});
