import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { payments } from '@foyer/sdk/contract';
import * as v from 'valibot';
import type { PaymentProvider } from '../../deps.js';
import type { Clock } from '../../lib/clock.js';

/** The header that carries the signature of a demo notification: `t=<unix seconds>,v1=<hex>`. */
export const DEMO_SIGNATURE_HEADER = 'foyer-signature';

/** How far a notification's timestamp may be from our clock, either way: a replay window. */
const TOLERANCE_SECONDS = 5 * 60;

/** The longest return address carried through the hosted page. */
const MAX_RETURN_URL = 2000;

function hmac(secret: string, message: string): Buffer {
  return createHmac('sha256', secret).update(message).digest();
}

/** Compares two hex MACs without leaking where they differ. */
function sameMac(expected: Buffer, candidateHex: string): boolean {
  if (!/^[0-9a-f]+$/i.test(candidateHex)) return false;
  const candidate = Buffer.from(candidateHex, 'hex');
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

/** An `http:`/`https:` address, normalised; anything else (`javascript:`, relative, too long) is null. */
export function httpUrl(value: string | undefined): string | null {
  if (!value || value.length > MAX_RETURN_URL) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * The built-in payment provider of the demo and the tests: a hosted page at
 * `/pay/demo/:id` where the payer clicks "Payer" or "Refuser le paiement". No money moves,
 * but everything else is as with a real provider: the page posts a notification signed with
 * HMAC-SHA256 (Stripe's scheme: `Foyer-Signature: t=<unix>,v1=<hex of HMAC(secret, "<t>.<body>")>`)
 * and Foyer trusts only what verifies.
 *
 * @example
 * ```ts
 * const demo = new DemoPaymentProvider({ publicUrl: 'https://foyer.example', secret, clock: systemClock });
 * const body = JSON.stringify({ paymentId, providerRef, outcome: 'paid', at: new Date().toISOString() });
 * await fetch('https://foyer.example/v1/payments/demo/notify', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json', 'foyer-signature': demo.sign(body) },
 *   body,
 * });
 * ```
 */
export class DemoPaymentProvider implements PaymentProvider {
  readonly name = 'demo';
  readonly #publicUrl: string;
  readonly #secret: string;
  readonly #clock: Clock;

  constructor(options: { publicUrl: string; secret: string; clock: Clock }) {
    this.#publicUrl = options.publicUrl.replace(/\/$/, '');
    this.#secret = options.secret;
    this.#clock = options.clock;
  }

  /**
   * The hosted page's address. The return address rides along in the query, with a MAC so that
   * the page never redirects anywhere `start` did not choose (no open redirect).
   */
  async start(payment: { id: string; returnUrl: string }): Promise<{ providerRef: string; url: string }> {
    return { providerRef: `DEMO-${randomBytes(12).toString('hex')}`, url: this.resume(payment) };
  }

  /** The hosted page of a started payment again, with its return address: the page is the same for the life of the payment. */
  resume(payment: { id: string; returnUrl: string }): string {
    const url = new URL(this.pageUrl(payment.id));
    const back = httpUrl(payment.returnUrl);
    if (back) {
      url.searchParams.set('return', back);
      url.searchParams.set('return_mac', this.#returnMac(payment.id, back));
    }
    return url.toString();
  }

  /** The hosted page of a payment, without a return address (the page then shows the outcome). */
  pageUrl(paymentId: string): string {
    return `${this.#publicUrl}/pay/demo/${paymentId}`;
  }

  /** The return address of a payment's page if `start` produced it with this MAC, else null. */
  verifiedReturnUrl(paymentId: string, returnUrl: string | undefined, mac: string | undefined): string | null {
    const back = httpUrl(returnUrl);
    if (!back || !mac) return null;
    return sameMac(hmac(this.#secret, `return.${paymentId}.${back}`), mac) ? back : null;
  }

  #returnMac(paymentId: string, returnUrl: string): string {
    return hmac(this.#secret, `return.${paymentId}.${returnUrl}`).toString('hex');
  }

  /** The `Foyer-Signature` header value of a notification body, at the clock's time. */
  sign(body: string): string {
    const t = Math.floor(this.#clock.now().getTime() / 1000);
    return `t=${t},v1=${hmac(this.#secret, `${t}.${body}`).toString('hex')}`;
  }

  async verifyNotification(request: { body: string; headers: Record<string, string> }): Promise<{
    providerRef: string;
    outcome: 'paid' | 'refused';
  } | null> {
    const header = Object.entries(request.headers).find(([name]) => name.toLowerCase() === DEMO_SIGNATURE_HEADER)?.[1];
    if (!header) return null;
    const parts = header.split(',').map((part) => part.trim().split('=', 2));
    const t = parts.find(([key]) => key === 't')?.[1];
    const signatures = parts.filter(([key]) => key === 'v1').map(([, value]) => value ?? '');
    if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return null;
    const age = Math.abs(this.#clock.now().getTime() / 1000 - Number(t));
    if (age > TOLERANCE_SECONDS) return null;
    const expected = hmac(this.#secret, `${t}.${request.body}`);
    // Every candidate is compared, so the time taken does not say which one matched.
    const valid = signatures.map((candidate) => sameMac(expected, candidate)).includes(true);
    if (!valid) return null;
    let json: unknown;
    try {
      json = JSON.parse(request.body);
    } catch {
      return null;
    }
    const parsed = v.safeParse(payments.DemoNotification, json);
    if (!parsed.success) return null;
    return { providerRef: parsed.output.providerRef, outcome: parsed.output.outcome };
  }

  /** The demo moved no money, so there is nothing to give back; the payment is marked refunded. */
  async refund(_payment: { providerRef: string; amountCents: number }): Promise<void> {}
}
