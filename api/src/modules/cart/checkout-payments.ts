import type { cart } from '@foyer/sdk/contract';
import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';
import { ApiError } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { providerFor } from '../payments/create-payment.js';
import type { CheckoutInput, CheckoutOutcome } from './checkout.js';

type CheckoutResult = cart.Checkout;

/**
 * The payment provider is asked only once the checkout has committed: a real provider is a
 * network call of up to seconds, and must never hold activity-day locks. Until it answers, the
 * stored answer's payment has no page (`url` empty) and its row no `provider_ref`.
 *
 * A crash between the commit and the provider's answer leaves a hold whose payment was never
 * started: the parent's retry with the same key resumes from the answer drafted under the key
 * (`resumeCheckout`) and starts it, or nobody retries and the hold expires at its time like any
 * unpaid hold.
 */

/** A payment of a checkout to start at the provider, with what the provider needs. */
interface ToStart {
  index: number;
  input: CheckoutInput;
  result: CheckoutResult & { payment: NonNullable<CheckoutResult['payment']> };
}

/** The label shown on the provider's page for a checkout's held days. */
function labelOf(result: CheckoutResult): string {
  const held = result.lines.filter((l) => l.outcome === 'pending_payment');
  return held.length === 1 ? `Réservation du ${held[0]?.date}` : `${held.length} réservations`;
}

/**
 * Starts the payments the committed checkouts answered without a page, then records their
 * provider references in ONE statement (the idempotency middleware stores the completed
 * answers). A checkout whose provider call failed answers 503: its retry with the same key
 * starts the payment again.
 */
export async function startPayments(
  deps: AppDeps,
  collectivity: CollectivityContext,
  inputs: readonly CheckoutInput[],
  outcomes: CheckoutOutcome[],
): Promise<CheckoutOutcome[]> {
  const toStart: ToStart[] = [];
  outcomes.forEach((outcome, index) => {
    const input = inputs[index];
    const payment = outcome.ok ? outcome.result.payment : null;
    if (outcome.ok && input && payment && payment.url === '')
      toStart.push({ index, input, result: { ...outcome.result, payment } });
  });
  if (toStart.length === 0) return outcomes;
  let provider: Awaited<ReturnType<typeof providerFor>>;
  try {
    provider = await providerFor(deps, collectivity.id);
  } catch (error) {
    for (const s of toStart) outcomes[s.index] = { ok: false, error };
    return outcomes;
  }
  const started = await Promise.all(
    toStart.map(async (s) => {
      try {
        const page = await provider.start({
          id: s.result.payment.id,
          collectivityId: collectivity.id,
          amountCents: s.result.payment.amountCents,
          label: labelOf(s.result),
          returnUrl: s.input.returnUrl ?? collectivity.portalUrl ?? `${deps.config.publicUrl}/`,
        });
        return { ...s, page };
      } catch (error) {
        deps.logger.warn({ err: error, paymentId: s.result.payment.id }, 'payment provider did not start the payment');
        outcomes[s.index] = {
          ok: false,
          error: new ApiError(503, 'service_unavailable', 'Online payment is not available: try again in a moment.'),
        };
        return null;
      }
    }),
  );
  const done = started.filter((s) => s !== null);
  for (const s of done) {
    s.result = { ...s.result, payment: { ...s.result.payment, url: s.page.url } };
    outcomes[s.index] = { ok: true, result: s.result };
  }
  if (done.length > 0) await recordStarted(deps, collectivity.id, provider.name, done);
  return outcomes;
}

/** Records the provider (the collectivity's, see `providerFor`) and its references of the started payments. */
async function recordStarted(
  deps: AppDeps,
  cid: string,
  provider: string,
  done: (ToStart & { page: { providerRef: string } })[],
) {
  await sql`
    update payments p set provider = ${provider}, provider_ref = s.ref, updated_at = ${deps.clock.now()}
    from unnest(${done.map((d) => d.result.payment.id)}::uuid[], ${done.map((d) => d.page.providerRef)}::text[]) as s(id, ref)
    where p.collectivity_id = ${cid} and p.id = s.id and p.provider_ref is null`.execute(deps.db);
}

/**
 * The retry of a checkout that committed but did not answer (its provider failed, or Foyer
 * stopped): the answer drafted under its key, with its payment started now if it was not.
 */
export async function resumeCheckout(deps: AppDeps, input: CheckoutInput, draft: string): Promise<CheckoutResult> {
  const [outcome] = await startPayments(
    deps,
    input.collectivity,
    [input],
    [{ ok: true, result: JSON.parse(draft) as CheckoutResult }],
  );
  if (!outcome?.ok) throw outcome?.error ?? new Error('resumed checkout without an outcome');
  return outcome.result;
}
