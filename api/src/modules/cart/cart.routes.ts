import { cart } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../lib/api-error.js';
import { requireIdempotency } from '../../lib/idempotency.js';
import { type Route, route } from '../../lib/route.js';
import { householdScope, requireCollectivity } from '../../lib/scope.js';
import { checkReturnUrl } from '../collectivities/return-url.js';
import { emptyCart, removeCartLine } from './cart-edits.js';
import { addCartLines } from './cart-lines.js';
import { readCart } from './cart-view.js';
import { resumeCheckout } from './checkout-payments.js';
import { CheckoutQueue } from './checkout-queue.js';

export function cartRoutes(deps: AppDeps): Route[] {
  const tags = ['Cart'];
  const checkouts = new CheckoutQueue(deps);
  deps.runtime.metrics.gauge({
    name: 'foyer_checkout_queue_depth',
    help: 'Checkouts waiting for their batch.',
    read: () => checkouts.depth,
  });
  return [
    route(cart.getCart, { summary: "The household's cart", tags, access: 'parent' }, async (_input, c) =>
      readCart(deps.db, householdScope(c)),
    ),
    route(
      cart.addCartLines,
      {
        summary: 'Add days to book or cancel',
        description:
          'Single dates or a period with weekdays, for one child and activity per item. Dates that cannot take the change are skipped and listed; if none can, the answer is 422 `not_bookable` with the reasons.',
        tags,
        access: 'parent',
      },
      async ({ body }, c) => {
        const scope = householdScope(c);
        const { added, skipped } = await addCartLines(deps, scope, requireCollectivity(c), body);
        return { cart: await readCart(deps.db, scope), added, skipped };
      },
    ),
    route(cart.removeCartLine, { summary: 'Remove a line from the cart', tags, access: 'parent' }, async ({ params }, c) => {
      const scope = householdScope(c);
      const removed = await removeCartLine(deps.db, scope, params.id);
      if (!removed) throw notFound('cart line');
      return readCart(deps.db, scope);
    }),
    route(cart.emptyCart, { summary: 'Empty the cart', tags, access: 'parent' }, async (_input, c) => {
      const scope = householdScope(c);
      await emptyCart(deps.db, scope);
      return readCart(deps.db, scope);
    }),
    route(
      cart.checkout,
      {
        summary: 'Validate the cart',
        description:
          'Re-checks every line and applies them in one transaction, with an outcome per line. Postpaid days are booked at once; prepaid days are held and the answer is `payment_required` with the payment page. Requires an `Idempotency-Key`: a retry with the same key and body returns the same answer, byte for byte, and changes nothing (even if the cart changed since); the same key with another body is 422 `idempotency_key_mismatch`, and a duplicate sent while the first still runs waits for its answer (409 `idempotency_key_in_use` if it takes over 5 s).',
        tags,
        access: 'parent',
      },
      async ({ body }, c) => {
        const scope = householdScope(c);
        await checkReturnUrl(deps.db, scope.collectivityId, new URL(deps.config.publicUrl).origin, body.returnUrl);
        const claim = requireIdempotency(c);
        const input = {
          scope,
          collectivity: requireCollectivity(c),
          claim,
          returnUrl: body.returnUrl,
          receivedAt: deps.clock.now(),
        };
        // An earlier attempt with this key committed, then failed to answer: finish it.
        if (claim.draft !== null) return resumeCheckout(deps, input, claim.draft);
        return checkouts.checkout(input);
      },
    ),
  ];
}
