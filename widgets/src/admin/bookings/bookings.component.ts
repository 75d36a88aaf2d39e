import { adminBookings, FoyerError } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { errorMessage } from '../../shared/errors.js';
import { formStyles } from '../../shared/form-fields.js';
import { heading } from '../../shared/heading.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { FormState } from '../shared/form-state.js';
import { tableStyles } from '../shared/table.js';
import { type LateCancellationHost, renderLateCancellation } from './late-cancellation-card.js';
import { renderWaitlistDay, type WaitlistHost } from './waitlist-day.js';

type LateCancellation = adminBookings.LateCancellation;
type WaitlistDay = adminBookings.WaitlistDay;

/**
 * **Réservations**: the late cancellations waiting for a decision (accept with or without a
 * refund, or refuse with a reason the family reads) and the waiting lists of full days for the
 * coming month (order, a place given by hand, over the capacity when the agent confirms it, and
 * who was promoted when). Agents and admins.
 *
 * @summary The back office's late cancellations and waiting lists.
 * @tagname foyer-admin-bookings
 */
export class FoyerAdminBookings extends FoyerAdminElement {
  static override styles = [baseStyles, formStyles, tableStyles, adminStyles];

  /** @internal */
  @state() accessor lateCancellations: LateCancellation[] | null = null;
  /** @internal */
  @state() accessor waitlists: WaitlistDay[] | null = null;
  /** @internal */
  @state() accessor error: unknown = null;
  /** @internal */
  @state() accessor notice = '';
  /** @internal */
  @state() accessor confirmingOver: string | null = null;
  readonly #rejectForms = new Map<string, FormState>();
  #focusNotice = false;

  protected override load(): void {
    void this.#load();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusNotice) {
      this.#focusNotice = false;
      this.renderRoot.querySelector<HTMLElement>('.notice')?.focus();
    }
  }

  async #load(): Promise<void> {
    const admin = this.admin;
    if (!admin) return;
    try {
      const [late, lists] = await Promise.all([
        admin.lateCancellations.list({}, this.callOptions),
        admin.waitlists.list({}, this.callOptions),
      ]);
      this.lateCancellations = late.lateCancellations;
      this.waitlists = lists.days;
    } catch (error) {
      this.error = error;
    }
  }

  #done(notice: string): void {
    this.notice = notice;
    this.error = null;
    this.confirmingOver = null;
    this.#focusNotice = true;
    void this.#load();
  }

  /** @internal */
  rejectForm(id: string): FormState {
    let form = this.#rejectForms.get(id);
    if (!form) {
      form = new FormState(this);
      this.#rejectForms.set(id, form);
    }
    return form;
  }

  /** @internal */
  accept(item: LateCancellation, refund: boolean): void {
    const admin = this.admin;
    if (!admin) return;
    const who = item.child.firstName;
    admin.lateCancellations.decide(item.bookingId, { decision: 'accept', refund }, this.callOptions).then(
      () =>
        this.#done(
          refund
            ? msg(str`Annulation de ${who} acceptée, avec un avoir : la famille est prévenue.`)
            : msg(str`Annulation de ${who} acceptée, sans remboursement : la famille est prévenue.`),
        ),
      (error: unknown) => {
        this.error = error;
      },
    );
  }

  /** @internal */
  reject(item: LateCancellation, form: HTMLFormElement): void {
    const admin = this.admin;
    if (!admin) return;
    void this.rejectForm(item.bookingId)
      .submit(
        form,
        adminBookings.LateCancellationDecision,
        (body) => admin.lateCancellations.decide(item.bookingId, body, this.callOptions),
        (value) => ({ ...value, decision: 'reject' }),
      )
      .then((done) => {
        if (done) this.#done(msg(str`Annulation de ${item.child.firstName} refusée : la réservation reste due.`));
      });
  }

  /** @internal */
  promote(day: WaitlistDay, entry: WaitlistDay['waiting'][number], overCapacity: boolean): void {
    const admin = this.admin;
    if (!admin) return;
    const who = entry.child.firstName;
    admin.waitlists.promote(entry.bookingId, overCapacity ? { overCapacity } : {}, this.callOptions).then(
      () => this.#done(msg(str`${who} a une place pour ${day.activity.name} : la famille est prévenue.`)),
      (error: unknown) => {
        if (error instanceof FoyerError && error.code === 'day_full') {
          // The day is full: the same button now asks to confirm going over its capacity.
          this.confirmingOver = entry.bookingId;
          this.notice = msg(str`La journée est complète : confirmez pour donner quand même une place à ${who}.`);
          this.#focusNotice = true;
          return;
        }
        this.error = error;
      },
    );
  }

  /** @internal */
  cancelOver(): void {
    this.confirmingOver = null;
    this.notice = '';
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    const late = this.lateCancellations;
    const lists = this.waitlists;
    return html`${heading(this.headingLevel, msg('Réservations'))}
      <p class=${this.notice ? 'message success notice' : 'visually-hidden notice'} role="status" tabindex="-1">${this.notice}</p>
      ${this.error ? html`<p class="message error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      <section aria-labelledby="late-title">
        ${heading(this.headingLevel + 1, msg('Annulations tardives à décider'), 'late-title')}
        ${
          late === null
            ? html`<p class="muted">${msg('Chargement…')}</p>`
            : late.length === 0
              ? html`<p class="muted">${msg('Aucune annulation tardive en attente.')}</p>`
              : html`<ul class="cards">
                ${late.map((item) => renderLateCancellation(this.#hostAt(this.headingLevel + 1), item))}
              </ul>`
        }
      </section>
      <section aria-labelledby="waitlists-title">
        ${heading(this.headingLevel + 1, msg("Listes d'attente"), 'waitlists-title')}
        ${
          lists === null
            ? html`<p class="muted">${msg('Chargement…')}</p>`
            : lists.length === 0
              ? html`<p class="muted">${msg("Aucune liste d'attente ce mois-ci.")}</p>`
              : lists.map((day) => renderWaitlistDay(this.#hostAt(this.headingLevel + 1), day))
        }
      </section>`;
  }

  /** This element as the host of its cards, their headings one level below the sections'. */
  #hostAt(level: number): LateCancellationHost & WaitlistHost {
    return {
      headingLevel: level,
      renderRoot: this.renderRoot,
      confirmingOver: this.confirmingOver,
      rejectForm: (id) => this.rejectForm(id),
      accept: (item, refund) => this.accept(item, refund),
      reject: (item, form) => this.reject(item, form),
      promote: (day, entry, over) => this.promote(day, entry, over),
      cancelOver: () => this.cancelOver(),
    };
  }
}
