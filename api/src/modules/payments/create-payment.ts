import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { ApiError } from '../../lib/api-error.js';

/** The provider used for new payments: the install's first (the demo provider by default). */
export function currentProvider(deps: AppDeps) {
  const provider = deps.payments.values().next().value;
  if (!provider) throw new ApiError(503, 'service_unavailable', 'Online payment is not available: contact your town hall.');
  return provider;
}

/**
 * Opens a payment for held bookings, inside the caller's transaction: the provider's page,
 * the payment row and the link of the bookings to it. The provider's `start` must be quick (a
 * real adapter that needs the network returns our own redirect URL and calls it lazily).
 */
export async function createPayment(
  deps: AppDeps,
  trx: Db,
  input: {
    /** The payment's id, when the caller needs it before (to link bookings as it inserts them). */
    id?: string;
    collectivityId: string;
    householdId: string;
    bookingIds: string[];
    amountCents: number;
    expiresAt: Date;
    label: string;
    returnUrl: string;
  },
): Promise<{ id: string; url: string; amountCents: number; expiresAt: Date }> {
  const provider = currentProvider(deps);
  // The provider's page is asked for first (it must be quick and pure of side effects on our
  // data), so that the payment is written once, complete.
  const id = input.id ?? crypto.randomUUID();
  const started = await provider.start({
    id,
    collectivityId: input.collectivityId,
    amountCents: input.amountCents,
    label: input.label,
    returnUrl: input.returnUrl,
  });
  await trx
    .insertInto('payments')
    .values({
      collectivity_id: input.collectivityId,
      id,
      household_id: input.householdId,
      provider: provider.name,
      provider_ref: started.providerRef,
      purpose: 'checkout',
      status: 'pending',
      amount_cents: input.amountCents,
      expires_at: input.expiresAt,
    })
    .execute();
  if (input.bookingIds.length > 0) {
    await trx
      .updateTable('bookings')
      .set({ payment_id: id })
      .where('collectivity_id', '=', input.collectivityId)
      .where('id', 'in', input.bookingIds)
      .execute();
  }
  return { id, url: started.url, amountCents: input.amountCents, expiresAt: input.expiresAt };
}
