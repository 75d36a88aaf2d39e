import * as invoices from '../contract/invoices.js';
import { type DownloadMethod, downloader } from './attachments.js';
import type { FoyerClient } from './client.js';
import type { ListMethod, Method } from './method.js';

/** The household's invoices and credit notes: what `invoicesOf(client)` gives. */
export interface InvoicesNamespace {
  /**
   * The household's invoices and credit notes, newest first; paginated (`for await` walks every
   * page). `status` is `to_pay`, `paid`, `debited`, `cancelled`, or `issued` for a credit note.
   */
  list: ListMethod<typeof invoices.listInvoices>;
  /** One invoice or credit note, with its lines by child and day and the documents that correct it. */
  get: Method<typeof invoices.getInvoice, ['id']>;
  /** The document as an A4 PDF (`blob`, `filename` like `FA-2027-000001.pdf`), French unless `Accept-Language` says otherwise. */
  pdf: DownloadMethod;
  /**
   * Starts the online payment of an invoice to pay: send the parent to `payment.url`. While a
   * payment is pending, resolves to that one. Rejects with `invoice_not_payable` (409) otherwise.
   */
  pay: Method<typeof invoices.payInvoice, ['id']>;
}

/**
 * The invoices namespace of a client, apart from {@link createClient} so that pages without
 * invoices do not carry their contract (`<foyer-invoices>` loads it with its own chunk).
 *
 * @example
 * const invoices = invoicesOf(foyer);
 * for await (const invoice of invoices.list()) console.log(invoice.number, invoice.status);
 */
export function invoicesOf(client: Pick<FoyerClient, 'method' | 'listMethod' | 'exchange'>): InvoicesNamespace {
  return {
    list: client.listMethod(invoices.listInvoices),
    get: client.method(invoices.getInvoice, 'id'),
    pdf: downloader(client.exchange, invoices.getInvoicePdf),
    pay: client.method(invoices.payInvoice, 'id'),
  };
}
