import type { cart, payments } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FoyerPaymentRedirectEvent } from '../events/payment-redirect.js';
import { baseStyles } from '../shared/base.styles.js';
import { errorMessage } from '../shared/errors.js';
import { dayAndMonth, price } from '../shared/format.js';
import { FoyerElement } from '../shared/foyer-element.js';
import { heading } from '../shared/heading.js';
import type { CartLine, StoreTopic } from '../shared/store.js';
import { dropParam, readParam, returnUrl } from '../shared/url-params.js';
import { cartStyles } from './cart.styles.js';
import { groupByChild, outcomeText, paymentText } from './cart-text.js';

const PAYMENT_POLLS = 10;
const PAYMENT_POLL_MS = 1500;

/**
 * The household's cart: the days to book or cancel, by child, with the flyer's summary
 * ("ALVARO SANCHEZ-CORDOVES — 3 REPAS") and the totals per payment mode. **Valider** sends it:
 * then the outcome of every line, or, for prepaid days, the payment page; back from it
 * (`?foyer-payment=<id>` in the address), the payment's result.
 *
 * @summary The cart, its validation and the payment's result.
 * @tagname foyer-cart
 *
 * @fires foyer-payment-redirect - Cancelable: the parent is about to be sent to `detail.url`, the payment page.
 *
 * @csspart child-group - The lines of one child, under the child's summary.
 * @csspart summary - A child's summary: "ALVARO SANCHEZ-CORDOVES — 3 REPAS".
 * @csspart line - One day to book or cancel.
 * @csspart remove - A line's remove button.
 * @csspart totals - The totals per payment mode.
 * @csspart checkout - The **Valider** button.
 * @csspart result - The validation's or the payment's result.
 *
 * @cssprop --foyer-color-primary - The Valider button and accents (default `#2447a8`).
 * @cssprop --foyer-color-success - The confirmation's border (default `#18753c`).
 * @cssprop --foyer-color-danger - Error messages (default `#b3261e`).
 */
export class FoyerCart extends FoyerElement {
  static override styles = [baseStyles, cartStyles];

  /** Where the payment page sends the parent back; this page (without Foyer's parameters) by default. */
  @property({ attribute: 'return-url' }) accessor returnUrl = '';

  /** @internal */
  @state() accessor busy = false;
  /** @internal */
  @state() accessor error: unknown = null;
  /** @internal */
  @state() accessor result: { checkout: cart.Checkout; lines: Map<string, CartLine> } | null = null;
  /** @internal */
  @state() accessor payment: payments.Payment | null = null;
  /** @internal */
  @state() accessor paymentState: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  /** @internal */
  @state() accessor announcement = '';

  #paymentId: string | null = null;
  #lastLines: string | null = null;
  #focusAfterRender: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#paymentId = readParam('foyer-payment');
  }

  protected override storeConnected(): void {
    this.#checkPayment();
  }

  protected override storeChanged(topic: StoreTopic): void {
    super.storeChanged(topic);
    if (topic === 'session' && !this.store?.signedIn) {
      this.result = null;
      this.payment = null;
      this.error = null;
      this.#lastLines = null;
    }
    if (topic === 'session') this.#checkPayment();
    if (topic === 'cart') this.#announce();
  }

  /** Tells screen readers what the cart holds after each change (not on the first load). */
  #announce(): void {
    const view = this.store?.cart;
    if (!view || this.store?.cartState === 'loading') return;
    const signature = view.lines.map((l) => `${l.childId}|${l.activityId}|${l.date}|${l.action}`).join(',');
    if (this.#lastLines !== null && signature !== this.#lastLines) {
      const groups = groupByChild(view.lines);
      this.announcement =
        groups.length === 0 ? msg('Panier vide.') : msg(str`Panier mis à jour : ${groups.map((g) => g.summary).join(' ; ')}.`);
    }
    this.#lastLines = signature;
  }

  #checkPayment(): void {
    if (this.#paymentId && this.store?.signedIn && this.paymentState === 'idle') void this.#loadPayment(this.#paymentId);
  }

  async #loadPayment(id: string): Promise<void> {
    const store = this.store;
    if (!store) return;
    this.paymentState = 'loading';
    try {
      let payment = await store.payment(id);
      // The provider may tell the API a moment after the parent is back: wait a little for it.
      for (let poll = 0; payment.status === 'pending' && poll < PAYMENT_POLLS; poll++) {
        this.payment = payment;
        await new Promise((resolve) => setTimeout(resolve, PAYMENT_POLL_MS));
        payment = await store.payment(id);
      }
      this.payment = payment;
      this.paymentState = 'ready';
      if (payment.status !== 'pending') dropParam('foyer-payment');
      this.#focusAfterRender = '.result .heading';
    } catch (error) {
      this.error = error;
      this.paymentState = 'error';
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusAfterRender) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focusAfterRender);
      if (target) {
        target.focus();
        this.#focusAfterRender = null;
      }
    }
  }

  async #remove(line: CartLine, neighbour: CartLine | undefined): Promise<void> {
    this.error = null;
    this.#focusAfterRender = neighbour
      ? `[data-line="${neighbour.childId}|${neighbour.activityId}|${neighbour.date}"]`
      : '#title';
    try {
      await this.store?.removeLine({ childId: line.childId, activityId: line.activityId, date: line.date });
    } catch (error) {
      this.error = error;
      this.#focusAfterRender = '[role="alert"]';
    }
  }

  async #checkout(): Promise<void> {
    const store = this.store;
    const view = store?.cart;
    if (!store || !view) return;
    this.busy = true;
    this.error = null;
    const lines = new Map(view.lines.map((l) => [`${l.childId}|${l.activityId}|${l.date}`, l]));
    try {
      const checkout = await store.checkout(this.returnUrl || returnUrl());
      this.result = { checkout, lines };
      this.#focusAfterRender = '.result .heading';
      if (checkout.status === 'payment_required' && checkout.payment) {
        const { id, url, amountCents } = checkout.payment;
        const event = new FoyerPaymentRedirectEvent({ paymentId: id, url, amountCents });
        if (this.dispatchEvent(event)) window.location.assign(url);
      }
    } catch (error) {
      this.error = error;
      this.#focusAfterRender = '[role="alert"]';
    } finally {
      this.busy = false;
    }
  }

  #dismiss(): void {
    this.result = null;
    this.payment = null;
    this.#focusAfterRender = '#title';
  }

  protected override render(): TemplateResult {
    const store = this.store;
    const title = heading(this.headingLevel, msg('Mon panier'));
    if (!store) return html`<p class="message">${msg('Placez cet élément dans un élément <foyer-provider>.')}</p>`;
    const live = html`<div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
    if (!store.signedIn) return html`${title}${live}<p class="muted">${msg('Connectez-vous pour voir votre panier.')}</p>`;
    return html`${title}${live}
      ${this.error ? html`<p class="message error" role="alert" tabindex="-1">${errorMessage(this.error)}</p>` : nothing}
      ${this.#renderPayment()} ${this.#renderResult()} ${this.#renderCart()}`;
  }

  #renderPayment(): TemplateResult | typeof nothing {
    if (this.paymentState === 'loading' && !this.payment) {
      return html`<p class="muted" role="status">${msg('Vérification de votre paiement…')}</p>`;
    }
    const payment = this.payment;
    if (!payment) return nothing;
    const tone = payment.status === 'paid' ? 'success' : payment.status === 'pending' ? '' : 'error';
    return html`<section class="result message ${tone}" part="result" aria-labelledby="payment-title">
      ${heading(this.headingLevel + 1, msg('Votre paiement'), 'payment-title')}
      <p>${paymentText(payment)}</p>
      <p>${msg('Montant :')} <strong>${price(payment.amountCents)}</strong></p>
      ${
        payment.bookings.length > 0
          ? html`<ul>
            ${payment.bookings.map((b) => html`<li>${this.#dayText(b.childId, b.activityId, b.date)}</li>`)}
          </ul>`
          : nothing
      }
      ${payment.status === 'pending' ? nothing : html`<button type="button" @click=${this.#dismiss}>${msg('Fermer')}</button>`}
    </section>`;
  }

  /** "Alvaro — ALSH JOURNÉE, lundi 21 décembre", from the children the store knows. */
  #dayText(childId: string, activityId: string, date: string): string {
    const child = this.store?.children.find((c) => c.id === childId);
    const activity = child?.enrolments.find((e) => e.activity.id === activityId)?.activity;
    return `${child?.firstName ?? ''} — ${activity?.name ?? ''}, ${dayAndMonth(date)}`;
  }

  #renderResult(): TemplateResult | typeof nothing {
    const result = this.result;
    if (!result) return nothing;
    const { checkout, lines } = result;
    const payment = checkout.status === 'payment_required' ? checkout.payment : null;
    return html`<section class="result message success" part="result" aria-labelledby="result-title">
      ${heading(this.headingLevel + 1, payment ? msg('Paiement nécessaire') : msg('Demande enregistrée'), 'result-title')}
      ${
        payment
          ? html`<p>
            ${msg(str`Les journées à payer en ligne (${price(payment.amountCents)}) sont réservées pour vous le temps du paiement.`)}
            <a href=${payment.url}>${msg('Aller à la page de paiement')}</a>
          </p>`
          : nothing
      }
      <ul class="outcomes">
        ${checkout.lines.map((l) => {
          const line = lines.get(`${l.childId}|${l.activityId}|${l.date}`);
          const who = line ? `${line.child.firstName} — ${line.activity.name}` : '';
          return html`<li class=${l.outcome}>${who}, ${dayAndMonth(l.date)} : <strong>${outcomeText(l)}</strong></li>`;
        })}
      </ul>
      <button type="button" @click=${this.#dismiss}>${msg('Fermer')}</button>
    </section>`;
  }

  #renderCart(): TemplateResult | typeof nothing {
    const store = this.store;
    if (!store) return nothing;
    const view = store.cart;
    if (!view) {
      if (store.cartState === 'error') {
        return html`<p class="message error" role="alert">${errorMessage(store.cartError)}</p>
          <button type="button" @click=${() => store.loadCart()}>${msg('Réessayer')}</button>`;
      }
      return html`<p class="muted" role="status">${msg('Chargement du panier…')}</p>`;
    }
    if (view.lines.length === 0) {
      return this.result || this.payment
        ? nothing
        : html`<p class="empty">${msg('Votre panier est vide : choisissez des jours dans le calendrier.')}</p>`;
    }
    const groups = groupByChild(view.lines);
    const all = groups.flatMap((g) => g.lines);
    const cancels = all.some((l) => l.action === 'cancel');
    return html`${groups.map(
      (group) => html`<section class="child" part="child-group" aria-labelledby="child-${group.childId}">
        ${heading(this.headingLevel + 1, html`<span part="summary">${group.summary}</span>`, `child-${group.childId}`)}
        <ul class="lines">
          ${group.lines.map((line) => {
            const index = all.indexOf(line);
            const neighbour = all[index + 1] ?? all[index - 1];
            const what = line.action === 'book' ? line.activity.name : msg(str`Annulation ${line.activity.name}`);
            return html`<li part="line" class=${line.action}>
              <span class="desc"><strong>${what}</strong> ${dayAndMonth(line.date)}</span>
              <span class="price">${line.action === 'book' ? price(line.priceCents) : ''}</span>
              <button
                type="button"
                class="link"
                part="remove"
                data-line="${line.childId}|${line.activityId}|${line.date}"
                aria-label=${msg(str`Retirer ${what} du ${dayAndMonth(line.date)} pour ${group.firstName}`)}
                @click=${() => this.#remove(line, neighbour)}
              >
                ${msg('Retirer')}
              </button>
            </li>`;
          })}
        </ul>
      </section>`,
    )}
      <dl class="totals" part="totals">
        ${
          view.totals.prepaidCents > 0
            ? html`<div><dt>${msg('À payer en ligne à la validation')}</dt><dd>${price(view.totals.prepaidCents)}</dd></div>`
            : nothing
        }
        ${
          view.totals.postpaidCents > 0
            ? html`<div><dt>${msg('Sur votre prochaine facture')}</dt><dd>${price(view.totals.postpaidCents)}</dd></div>`
            : nothing
        }
      </dl>
      ${
        cancels
          ? html`<p class="hint">
            ${msg("Validez votre panier pour finaliser les demandes d'annulation. Les annulations tardives sont examinées par les agents de votre commune.")}
          </p>`
          : nothing
      }
      ${
        view.totals.prepaidCents > 0
          ? html`<p class="hint">${msg('Vous serez dirigé vers la page de paiement en ligne.')}</p>`
          : nothing
      }
      <div class="actions">
        <button class="primary" type="button" part="checkout" ?disabled=${this.busy} @click=${this.#checkout}>
          ${this.busy ? msg('Validation…') : msg('Valider')}
        </button>
      </div>`;
  }
}
