import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../deps.js';
import type { AppEnv } from '../../lib/app-env.js';
import { isUuid } from '../../lib/uuid.js';
import { type DemoPageModel, demoPaymentBadRequestPage, demoPaymentNotFoundPage, demoPaymentPage } from './demo-page-view.js';
import { DEMO_SIGNATURE_HEADER, DemoPaymentProvider } from './demo-provider.js';
import { receiveNotification } from './settle-payment.js';

/** The form holds two short fields and a return address. */
const FORM_LIMIT_BYTES = 8 * 1024;

/**
 * A payment of the demo provider with what its page shows. The page has no collectivity in its
 * path: the payment's id, random and unguessable, is what gives access to it, as with the
 * payment links of real providers; every other query is scoped by the payment's collectivity.
 */
async function loadDemoPayment(deps: AppDeps, id: string): Promise<(DemoPageModel & { providerRef: string | null }) | null> {
  if (!isUuid(id)) return null;
  const payment = await deps.db
    .selectFrom('payments')
    .select(['collectivity_id', 'id', 'provider_ref', 'status', 'amount_cents', 'expires_at', 'paid_at'])
    .where('id', '=', id)
    .where('provider', '=', 'demo')
    .executeTakeFirst();
  if (!payment) return null;
  const cid = payment.collectivity_id;
  const collectivity = await deps.db
    .selectFrom('collectivities')
    .select(['name', 'time_zone', 'portal_url'])
    .where('id', '=', cid)
    .executeTakeFirstOrThrow();
  const items = await deps.db
    .selectFrom('bookings as b')
    .innerJoin('children as ch', (j) => j.onRef('ch.collectivity_id', '=', 'b.collectivity_id').onRef('ch.id', '=', 'b.child_id'))
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'b.collectivity_id').onRef('a.id', '=', 'b.activity_id'),
    )
    .select(['ch.first_name', 'a.name', 'b.date', 'b.price_cents'])
    .where('b.collectivity_id', '=', cid)
    .where('b.payment_id', '=', payment.id)
    .orderBy('b.date')
    .orderBy('ch.first_name')
    .orderBy('a.name')
    .execute();
  const expiresAt = new Date(payment.expires_at);
  return {
    id: payment.id,
    providerRef: payment.provider_ref,
    collectivityName: collectivity.name,
    timeZone: collectivity.time_zone,
    portalUrl: collectivity.portal_url,
    status: payment.status,
    payable: payment.status === 'pending' && payment.provider_ref !== null && expiresAt > deps.clock.now(),
    amountCents: payment.amount_cents,
    expiresAt,
    paidAt: payment.paid_at === null ? null : new Date(payment.paid_at),
    items: items.map((i) => ({ childName: i.first_name, activityName: i.name, date: i.date, priceCents: i.price_cents })),
  };
}

/**
 * A nonce for the page's one style sheet and a policy that allows nothing else: no script at
 * all, and forms may go only here or to the return address (browsers check redirects too).
 */
function securePage(c: Context<AppEnv>, returnUrl: string | null): string {
  const nonce = randomBytes(16).toString('base64');
  const formTargets = ["'self'", ...(returnUrl ? [new URL(returnUrl).origin] : [])].join(' ');
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; style-src 'nonce-${nonce}'; form-action ${formTargets}; frame-ancestors 'none'; base-uri 'none'`,
  );
  c.header('Cache-Control', 'no-store');
  return nonce;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The demo provider's hosted payment page, `/pay/demo/:id`: the payer sees the amount and the
 * days, and chooses "Payer" or "Refuser le paiement". The choice becomes a notification signed
 * exactly as an external provider signs it, applied by the same code as
 * `POST /v1/payments/demo/notify`; then the payer goes back to the town's site with
 * `?foyer-payment=<id>` (303), or sees the outcome here when there is no return address.
 */
export function mountDemoPaymentPages(app: Hono<AppEnv>, deps: AppDeps): void {
  const demoProvider = () => {
    const provider = deps.payments.get('demo');
    return provider instanceof DemoPaymentProvider ? provider : null;
  };

  app.get('/pay/demo/:id', async (c) => {
    const provider = demoProvider();
    const payment = provider ? await loadDemoPayment(deps, c.req.param('id')) : null;
    if (!provider || !payment) {
      const nonce = securePage(c, null);
      return c.html(demoPaymentNotFoundPage({ nonce }), 404);
    }
    const mac = c.req.query('return_mac');
    const returnUrl = provider.verifiedReturnUrl(payment.id, c.req.query('return'), mac);
    const nonce = securePage(c, returnUrl);
    return c.html(demoPaymentPage(payment, { nonce, returnUrl, returnMac: returnUrl ? (mac ?? null) : null }));
  });

  app.post(
    '/pay/demo/:id',
    bodyLimit({
      maxSize: FORM_LIMIT_BYTES,
      onError: (c) => c.html(demoPaymentBadRequestPage({ nonce: securePage(c, null) }), 413),
    }),
    async (c) => {
      const provider = demoProvider();
      const payment = provider ? await loadDemoPayment(deps, c.req.param('id')) : null;
      if (!provider || !payment) return c.html(demoPaymentNotFoundPage({ nonce: securePage(c, null) }), 404);
      const form = await c.req.parseBody();
      const action = text(form.action);
      if (action !== 'pay' && action !== 'refuse') return c.html(demoPaymentBadRequestPage({ nonce: securePage(c, null) }), 400);
      const mac = text(form.return_mac);
      const returnUrl = provider.verifiedReturnUrl(payment.id, text(form.return), mac);

      // A payment already settled or past its deadline is not charged again: the payer just goes back.
      if (payment.payable && payment.providerRef) {
        const body = JSON.stringify({
          paymentId: payment.id,
          providerRef: payment.providerRef,
          outcome: action === 'pay' ? 'paid' : 'refused',
          at: deps.clock.now().toISOString(),
        });
        await receiveNotification(deps, provider.name, { body, headers: { [DEMO_SIGNATURE_HEADER]: provider.sign(body) } });
      }
      if (returnUrl) {
        const back = new URL(returnUrl);
        back.searchParams.set('foyer-payment', payment.id);
        return c.redirect(back.toString(), 303);
      }
      const settled = (await loadDemoPayment(deps, payment.id)) ?? payment;
      return c.html(demoPaymentPage(settled, { nonce: securePage(c, null), returnUrl: null, returnMac: null }));
    },
  );
}
