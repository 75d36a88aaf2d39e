import type { Db } from '../../../db/database.js';
import type { PaymentProvider, VerifiedNotice } from '../../../deps.js';
import type { Clock } from '../../../lib/clock.js';
import type { Logger } from '../../../lib/logger.js';
import { PayfipFault, recupererDetailPaiementSecurise } from './payfip-client.js';
import { outcomeOf, refdetOf } from './payfip-fields.js';
import { loadPayfipSettings } from './payfip-settings.js';

/** What an idOp looks like: PayFiP's are UUID-like; anything else is not looked up. */
const ID_OP = /^[A-Za-z0-9-]{1,64}$/;

export interface PayfipProviderOptions {
  db: Db;
  clock: Clock;
  /** Foyer's public address: where PayFiP notifies and where the payer's link starts. */
  publicUrl: string;
  logger: Logger;
  /** The HTTP client (the global `fetch` by default). */
  fetch?: typeof fetch;
}

/** The idOp a PayFiP notification names: a form field `idOp` (or `idop`) of its body. */
export function idOpOf(body: string): string | null {
  const form = new URLSearchParams(body);
  const idOp = form.get('idOp') ?? form.get('idop');
  return idOp && ID_OP.test(idOp) ? idOp : null;
}

/**
 * PayFiP, the DGFiP's online payment service for local authorities (its "régie web service").
 *
 * `start` is quick and local: it answers Foyer's own link (`/pay/payfip/:cid/:id`), and the
 * operation is created at PayFiP when the payer follows it (see payfip-start.ts), since an idOp
 * lives 15 minutes. PayFiP's notification is NOT signed and carries only the idOp, so
 * `verifyNotification` believes nothing in it: it asks PayFiP's `recupererDetailPaiementSecurise`
 * for that idOp, checks the answer is about our operation (idOp, client number, reference, and
 * the town's current entry mode, so that a test payment never counts in production), and
 * returns the outcome and the amount PayFiP confirmed, which settling compares with the one asked.
 * PayFiP has no refund: a payment confirmed too late waits for an agent.
 *
 * @example
 * ```ts
 * const payfip = new PayfipPaymentProvider({ db, clock, publicUrl: 'https://foyer.ville.fr', logger });
 * // PayFiP posts `idOp=…` to https://foyer.ville.fr/v1/payments/payfip/notify
 * const notice = await payfip.verifyNotification({ body: 'idOp=8f2c…', headers: {} });
 * ```
 */
export class PayfipPaymentProvider implements PaymentProvider {
  readonly name = 'payfip';
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #publicUrl: string;
  readonly #logger: Logger;
  readonly #fetch: typeof fetch;

  constructor(options: PayfipProviderOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#publicUrl = options.publicUrl.replace(/\/$/, '');
    this.#logger = options.logger;
    this.#fetch = options.fetch ?? fetch;
  }

  /** The HTTP client PayFiP is called through. */
  get fetch(): typeof fetch {
    return this.#fetch;
  }

  /** Where PayFiP posts its notifications (`urlnotif`). */
  notifyUrl(): string {
    return `${this.#publicUrl}/v1/payments/payfip/notify`;
  }

  /** Foyer's link that opens a payment at PayFiP, with the payer's return address. */
  pageUrl(collectivityId: string, paymentId: string, returnUrl?: string): string {
    const url = new URL(`${this.#publicUrl}/pay/payfip/${collectivityId}/${paymentId}`);
    if (returnUrl) url.searchParams.set('return', returnUrl);
    return url.toString();
  }

  async serves(collectivityId: string, db: Db = this.#db): Promise<boolean> {
    return (await loadPayfipSettings(db, collectivityId))?.active === true;
  }

  async start(payment: Parameters<PaymentProvider['start']>[0]): Promise<{ providerRef: string; url: string }> {
    return { providerRef: refdetOf(payment.id), url: this.pageUrl(payment.collectivityId, payment.id, payment.returnUrl) };
  }

  async verifyNotification(request: { body: string; headers: Record<string, string> }): Promise<VerifiedNotice | null> {
    const idOp = idOpOf(request.body);
    return idOp ? this.confirmOperation(idOp) : null;
  }

  /**
   * What PayFiP itself says of one of our operations, checked to be ours; null when it says
   * nothing yet (P5), does not know it, or answers about another operation.
   */
  async confirmOperation(idOp: string): Promise<VerifiedNotice | null> {
    const operation = await this.#db
      .selectFrom('payfip_operations')
      .select(['collectivity_id', 'payment_id', 'refdet'])
      .where('id_op', '=', idOp)
      .executeTakeFirst();
    if (!operation) {
      this.#logger.warn({ provider: this.name }, 'PayFiP notification for an idOp Foyer never created');
      return null;
    }
    const settings = await loadPayfipSettings(this.#db, operation.collectivity_id);
    if (!settings) return null;
    await this.#db
      .updateTable('payfip_operations')
      .set({ last_checked_at: this.#clock.now() })
      .where('collectivity_id', '=', operation.collectivity_id)
      .where('id_op', '=', idOp)
      .execute();
    let detail: Awaited<ReturnType<typeof recupererDetailPaiementSecurise>>;
    try {
      detail = await recupererDetailPaiementSecurise(settings.serviceUrl, idOp, this.#fetch);
    } catch (error) {
      // P5: no result yet (the payer is still on the page); P1: unknown. Nothing to apply.
      if (error instanceof PayfipFault) {
        this.#logger.warn(
          { provider: this.name, paymentId: operation.payment_id, code: error.code },
          'PayFiP lookup gave no result',
        );
        return null;
      }
      throw error;
    }
    const outcome = outcomeOf(detail.resultrans);
    const cents = /^[0-9]{1,11}$/.test(detail.montant) ? Number(detail.montant) : null;
    const ours =
      detail.idOp === idOp &&
      detail.numcli === settings.numcli &&
      // A test (T) operation moved no money: never counted once the town is in another mode.
      detail.saisie === settings.saisie &&
      detail.refdet === operation.refdet &&
      operation.refdet === refdetOf(operation.payment_id);
    if (!ours || outcome === null || cents === null) {
      this.#logger.warn(
        { provider: this.name, paymentId: operation.payment_id, resultrans: detail.resultrans },
        'PayFiP lookup does not confirm this operation',
      );
      return null;
    }
    await this.#db
      .updateTable('payfip_operations')
      .set({
        resultrans: detail.resultrans,
        confirmed_cents: cents,
        numauto: detail.numauto || null,
        transaction_at: `${detail.dattrans} ${detail.heurtrans}`.trim() || null,
        confirmed_at: this.#clock.now(),
      })
      .where('collectivity_id', '=', operation.collectivity_id)
      .where('id_op', '=', idOp)
      .execute();
    return { providerRef: operation.refdet, outcome, amountCents: cents };
  }
}
