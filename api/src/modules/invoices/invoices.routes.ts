import { invoices } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { requireIdempotency } from '../../lib/idempotency.js';
import { preferredLanguage } from '../../lib/problem-texts.js';
import { type Route, route } from '../../lib/route.js';
import { householdScope, requireCollectivity } from '../../lib/scope.js';
import { checkReturnUrl } from '../collectivities/return-url.js';
import { decodeCursor } from '../requests/cursor.js';
import { householdInvoiceDetail, householdInvoicePage } from './household-invoices.js';
import { invoicePdfResponse } from './invoice-pdf-download.js';
import { payInvoice } from './pay-invoice.js';

const tags = ['Invoices'];

/** The family's invoices space: its invoices and credit notes, their PDF, and online payment. */
export function invoiceRoutes(deps: AppDeps): Route[] {
  return [
    route(
      invoices.listInvoices,
      {
        summary: "My household's invoices and credit notes, newest first",
        description:
          'Issued documents only (never drafts). `status`: `to_pay`, `paid`, `debited`, `cancelled`, or `issued` for a credit note; `payable` says whether online payment applies. Paginated: pass `nextCursor` back as `cursor`.',
        tags,
        access: 'parent',
      },
      async ({ query }, c) =>
        householdInvoicePage(deps.db, householdScope(c), {
          cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
          limit: query.limit ?? 25,
        }),
    ),
    route(
      invoices.getInvoice,
      {
        summary: 'One of my invoices or credit notes, with its lines by child and day',
        description: 'With the invoice a credit note corrects, and the credit notes that correct an invoice.',
        tags,
        access: 'parent',
      },
      async ({ params }, c) => householdInvoiceDetail(deps.db, householdScope(c), params.id),
    ),
    route(
      invoices.getInvoicePdf,
      {
        summary: 'One of my invoices or credit notes as a PDF',
        description:
          'An A4 PDF with the town’s identity, the household, the number, dates, lines by child and day and totals; `Content-Disposition: attachment; filename="FA-2027-000001.pdf"`. French, or English when `Accept-Language` prefers it.',
        tags,
        access: 'parent',
        produces: ['application/pdf'],
      },
      async ({ params }, c) =>
        invoicePdfResponse(deps, householdScope(c), params.id, preferredLanguage(c.req.header('accept-language'))),
    ),
    route(
      invoices.payInvoice,
      {
        summary: 'Pay one of my invoices online',
        description:
          'Starts a payment of what remains due on the invoice (its total less its credit notes, `remainingCents`) through the collectivity’s payment provider and answers its page; while a payment is pending, answers that one. 409 `invoice_not_payable` for a credit note or an invoice paid, debited or cancelled. Requires an `Idempotency-Key`. `returnUrl` must be on one of the collectivity’s sites.',
        tags,
        access: 'parent',
      },
      async ({ params, body }, c) => {
        const scope = householdScope(c);
        await checkReturnUrl(deps.db, scope.collectivityId, new URL(deps.config.publicUrl).origin, body.returnUrl);
        requireIdempotency(c);
        return payInvoice(deps, scope, requireCollectivity(c), { invoiceId: params.id, returnUrl: body.returnUrl });
      },
    ),
  ];
}
