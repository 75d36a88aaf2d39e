import type { invoices } from '@foyer/sdk/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { amountDue, isPayableOnline } from '../../domain/invoice-status.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { currentProvider, unstartedPayment } from '../payments/create-payment.js';
import type { InvoiceScope } from './household-invoices.js';

/** How long the payer has on the provider's page before the payment lapses (they may start again). */
export const INVOICE_PAYMENT_MINUTES = 30;

/** The payment of an invoice, as this module reads it back. */
interface InvoicePaymentRow {
  id: string;
  provider: string;
  provider_ref: string | null;
  amount_cents: number;
  expires_at: Date | string;
}

/**
 * Starts the online payment of an invoice still to pay: a `payments` row (`purpose='invoice'`,
 * what remains due: the invoice's total less its credit notes) written in a transaction that holds the invoice's row, then the provider
 * asked for its page after the commit, as checkout does (cart/checkout-payments.ts), so that a
 * slow provider holds no lock. A second call while a payment is pending answers that payment's
 * page; a payment whose provider call failed (or whose process stopped) is started by the retry.
 */
export async function payInvoice(
  deps: AppDeps,
  scope: InvoiceScope,
  collectivity: CollectivityContext,
  input: { invoiceId: string; returnUrl: string | undefined },
): Promise<invoices.InvoicePayment> {
  const now = deps.clock.now();
  const { payment, number } = await deps.db.transaction().execute(async (trx) => {
    const invoice = await trx
      .selectFrom('invoices')
      .select(['id', 'kind', 'status', 'total_cents', 'credited_cents', 'number', 'debit_on'])
      .where('collectivity_id', '=', scope.collectivityId)
      .where('household_id', '=', scope.householdId)
      .where('id', '=', input.invoiceId)
      .where('status', '<>', 'draft')
      .forUpdate()
      .executeTakeFirstOrThrow(() => notFound('invoice'));
    // An invoice collected by direct debit is not paid twice.
    const stored = {
      kind: invoice.kind,
      status: invoice.status,
      totalCents: invoice.total_cents,
      debitOn: invoice.debit_on,
      creditedCents: invoice.credited_cents,
    };
    if (!isPayableOnline(stored)) {
      throw notPayable(invoice.kind);
    }
    // What remains once credit notes took off their part; a payment started before a credit
    // asked more, so it is not resumed.
    const amountCents = amountDue(stored);
    const pending = await pendingPayment(trx, scope, invoice.id, now, amountCents);
    if (pending) return { payment: pending, number: invoice.number };
    const row = unstartedPayment(deps, {
      collectivityId: scope.collectivityId,
      householdId: scope.householdId,
      amountCents,
      expiresAt: new Date(now.getTime() + INVOICE_PAYMENT_MINUTES * 60_000),
    });
    const inserted = await trx
      .insertInto('payments')
      .values({ ...row, purpose: 'invoice', invoice_id: invoice.id })
      .returning(['id', 'provider', 'provider_ref', 'amount_cents', 'expires_at'])
      .executeTakeFirstOrThrow();
    return { payment: inserted, number: invoice.number };
  });
  const returnUrl = input.returnUrl ?? collectivity.portalUrl ?? `${deps.config.publicUrl}/`;
  const url = await pageOf(deps, collectivity, payment, { label: labelOf(number), returnUrl });
  return { payment: { id: payment.id, url, expiresAt: new Date(payment.expires_at).toISOString() } };
}

function notPayable(kind: 'invoice' | 'credit_note'): ApiError {
  return new ApiError(
    409,
    'invoice_not_payable',
    kind === 'credit_note'
      ? { fr: "Un avoir ne se paie pas : c'est un remboursement.", en: 'A credit note is not paid: it is a refund.' }
      : {
          fr: "Cette facture n'est plus à payer (elle est payée, prélevée ou annulée).",
          en: 'This invoice is no longer to be paid (it is paid, debited or cancelled).',
        },
  );
}

/** The invoice's payment still open at `now`, if any (several rows only if an old one lapsed). */
async function pendingPayment(
  trx: Db,
  scope: InvoiceScope,
  invoiceId: string,
  now: Date,
  amountCents: number,
): Promise<InvoicePaymentRow | undefined> {
  return trx
    .selectFrom('payments')
    .select(['id', 'provider', 'provider_ref', 'amount_cents', 'expires_at'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId)
    .where('purpose', '=', 'invoice')
    .where('invoice_id', '=', invoiceId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .where('amount_cents', '=', amountCents)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** The label on the provider's page. */
function labelOf(number: string): string {
  return `Facture ${number}`;
}

/**
 * The provider's page of a payment: resumed when it was started already and the provider can
 * resume it; else started now and its reference recorded (the first of two racing starts wins).
 */
async function pageOf(
  deps: AppDeps,
  collectivity: CollectivityContext,
  payment: InvoicePaymentRow,
  page: { label: string; returnUrl: string },
): Promise<string> {
  const provider = deps.payments.get(payment.provider) ?? currentProvider(deps);
  if (payment.provider_ref !== null && provider.resume) {
    return provider.resume({ id: payment.id, providerRef: payment.provider_ref, returnUrl: page.returnUrl });
  }
  let started: { providerRef: string; url: string };
  try {
    started = await provider.start({
      id: payment.id,
      collectivityId: collectivity.id,
      amountCents: payment.amount_cents,
      label: page.label,
      returnUrl: page.returnUrl,
    });
  } catch (error) {
    deps.logger.warn({ err: error, paymentId: payment.id }, 'payment provider did not start the invoice payment');
    throw new ApiError(503, 'service_unavailable', 'Online payment is not available: try again in a moment.');
  }
  await sql`update payments set provider_ref = ${started.providerRef}, updated_at = ${deps.clock.now()}
    where collectivity_id = ${collectivity.id} and id = ${payment.id} and provider_ref is null`.execute(deps.db);
  return started.url;
}
