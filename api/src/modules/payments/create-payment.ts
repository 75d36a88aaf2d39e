import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { PaymentsTable } from '../../db/schema.js';
import type { AppDeps, PaymentProvider } from '../../deps.js';
import { ApiError } from '../../lib/api-error.js';

const unavailable = () => new ApiError(503, 'service_unavailable', 'Online payment is not available: contact your town hall.');

/** The install's default provider: its first that needs no contract of the town's own (the demo provider by default). */
export function currentProvider(deps: AppDeps): PaymentProvider {
  for (const provider of deps.payments.values()) if (!provider.serves) return provider;
  throw unavailable();
}

/**
 * The provider of a collectivity's new payments: one it has a contract with (PayFiP, once set
 * with `foyer payfip set`), else the install's default.
 */
export async function providerFor(deps: AppDeps, collectivityId: string, db: Db = deps.db): Promise<PaymentProvider> {
  for (const provider of deps.payments.values()) if (await provider.serves?.(collectivityId, db)) return provider;
  return currentProvider(deps);
}

export interface PaymentRequest {
  /** The payment's id, when the caller needs it before (to link bookings as it inserts them). */
  id?: string;
  collectivityId: string;
  householdId: string;
  amountCents: number;
  expiresAt: Date;
  label: string;
  returnUrl: string;
}

export interface OpenedPayment {
  /** The row to insert, in the caller's transaction. */
  row: Insertable<PaymentsTable>;
  id: string;
  url: string;
  amountCents: number;
  expiresAt: Date;
}

/** The provider name an unstarted payment carries until it starts: any the install has. */
function placeholderProvider(deps: AppDeps): string {
  const name = deps.payments.keys().next().value;
  if (name === undefined) throw unavailable();
  return name;
}

/**
 * The row of a payment to start at the provider after the caller commits (see
 * cart/checkout-payments.ts): pending, with no provider reference yet.
 */
export function unstartedPayment(deps: AppDeps, input: Omit<PaymentRequest, 'label' | 'returnUrl'>): Insertable<PaymentsTable> {
  return {
    collectivity_id: input.collectivityId,
    id: input.id ?? crypto.randomUUID(),
    household_id: input.householdId,
    // Which provider takes it is decided when it starts (`providerFor`), outside the caller's transaction.
    provider: placeholderProvider(deps),
    provider_ref: null,
    purpose: 'checkout',
    status: 'pending',
    amount_cents: input.amountCents,
    expires_at: input.expiresAt,
    // The application's clock, as every instant the API writes (not the column's database default).
    created_at: deps.clock.now(),
    updated_at: deps.clock.now(),
  };
}

/**
 * Asks the provider for the payment's page, without writing anything: the caller inserts
 * `row` (several at once, for a batch of checkouts). The provider's `start` must be quick
 * and free of side effects on our data (a real adapter that needs the network returns our
 * own redirect URL and calls the provider lazily).
 */
export async function openPayment(deps: AppDeps, input: PaymentRequest, db: Db = deps.db): Promise<OpenedPayment> {
  const provider = await providerFor(deps, input.collectivityId, db);
  const id = input.id ?? crypto.randomUUID();
  const started = await provider.start({
    id,
    collectivityId: input.collectivityId,
    amountCents: input.amountCents,
    label: input.label,
    returnUrl: input.returnUrl,
  });
  return {
    row: {
      collectivity_id: input.collectivityId,
      id,
      household_id: input.householdId,
      provider: provider.name,
      provider_ref: started.providerRef,
      purpose: 'checkout',
      status: 'pending',
      amount_cents: input.amountCents,
      expires_at: input.expiresAt,
      created_at: deps.clock.now(),
      updated_at: deps.clock.now(),
    },
    id,
    url: started.url,
    amountCents: input.amountCents,
    expiresAt: input.expiresAt,
  };
}

/**
 * Opens a payment for held bookings, inside the caller's transaction: the provider's page,
 * the payment row and the link of the bookings to it.
 */
export async function createPayment(
  deps: AppDeps,
  trx: Db,
  input: PaymentRequest & { bookingIds: string[] },
): Promise<{ id: string; url: string; amountCents: number; expiresAt: Date }> {
  const opened = await openPayment(deps, input, trx);
  await trx.insertInto('payments').values(opened.row).execute();
  if (input.bookingIds.length > 0) {
    await trx
      .updateTable('bookings')
      .set({ payment_id: opened.id })
      .where('collectivity_id', '=', input.collectivityId)
      .where('id', 'in', input.bookingIds)
      .execute();
  }
  return { id: opened.id, url: opened.url, amountCents: opened.amountCents, expiresAt: opened.expiresAt };
}
