import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import type { AppEnv } from '../../lib/app-env.js';
import { isUuid } from '../../lib/uuid.js';
import { providerFor } from '../payments/create-payment.js';

const PATH = '/payments/start/:cid/:id';

/**
 * The link a family promoted from a waiting list receives: Foyer's own address for the held
 * day's payment. The promotion runs in the transaction that freed the place, under its
 * activity-day lock, where the provider (a network call of up to seconds) must never be asked;
 * so the payment is written unstarted there, and started here, when the family follows the link,
 * outside any transaction. The payment's random id is what gives access, as with a provider's link.
 */
export function promotionPaymentLink(deps: AppDeps, collectivityId: string, paymentId: string): string {
  return `${deps.config.publicUrl}/payments/start/${collectivityId}/${paymentId}`;
}

/** A plain French page for a link that no longer leads to a payment. */
function gonePage(): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Paiement indisponible</title></head><body><main><h1>Ce paiement n'est plus possible</h1><p>La place n'est plus réservée pour vous (le délai de paiement est passé, ou elle est déjà réglée). Consultez le calendrier de votre espace famille.</p></main></body></html>`;
}

export function mountPromotionPaymentLinks(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get(PATH, async (c) => {
    const { cid, id } = c.req.param();
    if (!isUuid(cid) || !isUuid(id)) return c.html(gonePage(), 404);
    const now = deps.clock.now();
    const payment = await deps.db
      .selectFrom('payments')
      .select(['id', 'status', 'amount_cents', 'expires_at', 'provider', 'provider_ref'])
      .where('collectivity_id', '=', cid)
      .where('id', '=', id)
      .executeTakeFirst();
    if (payment?.status !== 'pending' || new Date(payment.expires_at) <= now) return c.html(gonePage(), 410);
    // A payment not started yet goes to the collectivity's provider; a started one stays with its own.
    const provider =
      (payment.provider_ref === null ? undefined : deps.payments.get(payment.provider)) ?? (await providerFor(deps, cid));
    const portal = await deps.db
      .selectFrom('collectivities')
      .select('portal_url')
      .where('id', '=', cid)
      .executeTakeFirstOrThrow();
    // Asked on every click: the provider's start must answer the same payment for our id again
    // (the demo provider's page reads the reference stored by the first click).
    const started = await provider.start({
      id: payment.id,
      collectivityId: cid,
      amountCents: payment.amount_cents,
      label: 'Place libérée (liste d’attente)',
      returnUrl: portal.portal_url ?? `${deps.config.publicUrl}/`,
    });
    await deps.db
      .updateTable('payments')
      .set({ provider: provider.name, provider_ref: started.providerRef, updated_at: now })
      .where('collectivity_id', '=', cid)
      .where('id', '=', payment.id)
      .where('provider_ref', 'is', null)
      .execute();
    return c.redirect(started.url, 303);
  });
}
