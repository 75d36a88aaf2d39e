import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import type { AppDeps } from '../../../deps.js';
import { ApiError, notFound } from '../../../lib/api-error.js';
import type { AppEnv } from '../../../lib/app-env.js';
import { isUuid } from '../../../lib/uuid.js';
import { settlePayment } from '../settle-payment.js';
import { PayfipUnavailable } from './payfip-client.js';
import { PayfipPaymentProvider } from './payfip-provider.js';
import { openAtPayfip, PayfipStartRefused } from './payfip-start.js';

/** A notification holds one short form field. */
const NOTIFICATION_LIMIT_BYTES = 4 * 1024;

function payfipOf(deps: AppDeps): PayfipPaymentProvider | null {
  const provider = deps.payments.get('payfip');
  return provider instanceof PayfipPaymentProvider ? provider : null;
}

/** A notification PayFiP's lookup does not confirm (unknown idOp, no result yet, another operation). */
const unconfirmed = () =>
  new ApiError(400, 'invalid_signature', {
    fr: 'PayFiP ne confirme pas cette notification : rien n’a changé.',
    en: 'PayFiP does not confirm this notification: nothing changed.',
  });

/** A plain French page for a link that does not lead to PayFiP. */
function refusedPage(reason: string) {
  return html`<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Paiement indisponible</title></head><body><main><h1>Paiement indisponible</h1><p>${reason}</p></main></body></html>`;
}

/**
 * PayFiP's two doors into Foyer. Mounted before the contract's routes: PayFiP posts its
 * notification as a form (`idOp=…`), not the JSON the generic `/v1/payments/:provider/notify`
 * reads, and sends no custom header.
 *
 * - `GET /pay/payfip/:cid/:id[?return=]`: the payer's link (from `start`); opens the operation
 *   at PayFiP and sends the payer to PayFiP's page. The payment's random id gives access, as
 *   with the demo provider's page.
 * - `POST /v1/payments/payfip/notify`: PayFiP's unsigned notification; only its idOp is read,
 *   and the payment changes only as PayFiP's own detail lookup says.
 */
export function mountPayfip(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/pay/payfip/:cid/:id', async (c) => {
    const payfip = payfipOf(deps);
    const { cid, id } = c.req.param();
    if (!payfip || !isUuid(cid) || !isUuid(id)) return c.html(refusedPage('Ce paiement est introuvable.'), 404);
    try {
      const page = await openAtPayfip(deps, payfip, { collectivityId: cid, paymentId: id, returnUrl: c.req.query('return') });
      return c.redirect(page, 303);
    } catch (error) {
      if (error instanceof PayfipStartRefused) return c.html(refusedPage(error.reason), error.status);
      throw error;
    }
  });

  app.post(
    '/v1/payments/payfip/notify',
    bodyLimit({
      maxSize: NOTIFICATION_LIMIT_BYTES,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `The body is larger than ${NOTIFICATION_LIMIT_BYTES} bytes.`);
      },
    }),
    async (c) => {
      const payfip = payfipOf(deps);
      if (!payfip) throw notFound('payment provider');
      // PayFiP posts `idOp` in a form body; a copy in the query is read the same way.
      const query = new URL(c.req.url).searchParams.toString();
      const body = [await c.req.text(), query].filter(Boolean).join('&');
      try {
        const notice = await payfip.verifyNotification({ body, headers: c.req.header() });
        if (!notice) throw unconfirmed();
        return c.json(await settlePayment(deps, payfip, notice));
      } catch (error) {
        if (error instanceof PayfipUnavailable) {
          deps.logger.error({ err: error }, 'PayFiP lookup failed: notification left unapplied');
          throw new ApiError(503, 'service_unavailable', 'PayFiP could not confirm the payment: try again later.');
        }
        throw error;
      }
    },
  );
}
