import type { calendar } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { calendarFeedSlot } from '../calendar-feed/calendar-feed-slot.js';
import { FoyerAbsenceReportedEvent } from '../events/absence-reported.js';
import { baseStyles } from '../shared/base.styles.js';
import { addDays, addMonths, firstOfMonth, isLocalDate, lastOfMonth, mondayOf, todayIn } from '../shared/dates.js';
import { errorMessage } from '../shared/errors.js';
import { FocusAfterRender } from '../shared/focus-after-render.js';
import { dayAndMonth, monthAndYear } from '../shared/format.js';
import { FoyerElement } from '../shared/foyer-element.js';
import { heading } from '../shared/heading.js';
import { type CartLine, type CartLinesInput, type Child, type LoadState, lineKey, type StoreTopic } from '../shared/store.js';
import { type AbsenceAsked, renderAbsenceDialog } from './absence-dialog.js';
import { changeSummary, periodInputs, repeatWeekInputs, sameDaysInputs } from './bulk.js';
import { renderBulkActions } from './bulk-actions.js';
import { calendarStyles } from './calendar.styles.js';
import { type Cell, type CellView, describeCell, glyph, legend } from './cell-view.js';
import type { CalendarActivity, GridContext } from './grid-context.js';
import { cellKey, isGridKey, monthGridMove, splitKey, weekGridMove } from './grid-keys.js';
import { monthRows, renderMonthGrid } from './month-grid.js';
import { renderPeriodForm } from './period-form.js';
import { type CalendarView, renderToolbar } from './toolbar.js';
import { renderWeekGrid, weekRows } from './week-grid.js';

/** "lundi 30 novembre, REPAS : non réservable — délai de réservation dépassé (…)" */
function cellLabel(what: string, view: CellView): string {
  return view.reason ? msg(str`${what} : ${view.state} — ${view.reason}`) : msg(str`${what} : ${view.state}`);
}

/**
 * A child's bookings, as the flyer shows them: pick the service and the child, then the
 * **weekly forecast** (a row per week, L M M J V, a mark per day and activity), the **month**, or
 * a **period** (from, to, weekdays). Clicking a day adds its booking (or its cancellation) to the
 * cart, or takes it back; cancelling a booked day asks why the child will be absent (sick, family
 * reason, other) and says whether it is in time or late; the mark changes at once. Past days show attendance. Parents of
 * several children give the same days to all of them, or repeat a week, in one action.
 *
 * The grids follow the WAI-ARIA grid pattern: one tab stop, arrow keys between days, Home/End
 * along a row (Ctrl for the whole grid), PageUp/PageDown to the previous or next weeks or month.
 *
 * @summary Weekly forecast, month and period booking of a child's activities.
 * @tagname foyer-calendar
 *
 * @csspart toolbar - Service, child and view pickers, and the navigation buttons.
 * @csspart grid - The calendar table (week or month).
 * @csspart cell - A day's button; its class names the state (`booked`, `bookable`, `pending-book`…).
 * @csspart legend - What the marks mean.
 * @csspart status - The line that tells what a click did, or why a day cannot be booked.
 * @csspart period-form - The period booking form.
 * @csspart bulk - The actions for several days or children at once.
 *
 * @fires foyer-absence-reported - A booked day's absence went to the cart; `detail` has the child, day, reason and `late`.
 *
 * @cssprop --foyer-color-primary - Buttons, selected view, focus accents (default `#2447a8`).
 * @cssprop --foyer-color-booked - Background of booked days (default `#18753c`).
 * @cssprop --foyer-color-pending - Days with a change waiting in the cart (default `#a94400`).
 * @cssprop --foyer-color-unavailable - Marks of closed or unbookable days (default `#6a6a6a`).
 * @cssprop --foyer-cell-size - Width and height of a day (default `2.75rem`).
 */
export class FoyerCalendar extends FoyerElement {
  static override styles = [baseStyles, calendarStyles];

  /** `week` (the weekly forecast, default), `month`, or `period` (booking from one date to another). */
  @property({ reflect: true }) accessor view: CalendarView = 'week';
  /** The day the calendar opens on, `YYYY-MM-DD`; today (in the collectivity's time zone) by default. */
  @property() accessor date = '';
  /** How many weeks the weekly forecast shows. */
  @property({ type: Number }) accessor weeks = 4;
  /** The service to show first (its id); the first one by default. */
  @property() accessor service = '';
  /** The child to show first (their id); the eldest by default. */
  @property() accessor child = '';

  /** @internal */
  @state() accessor serviceId = '';
  /** @internal */
  @state() accessor childId = '';
  /** @internal */
  @state() accessor anchor = '';
  /** @internal */
  @state() accessor data: calendar.Calendar | null = null;
  /** @internal */
  @state() accessor dataState: LoadState = 'idle';
  /** @internal */
  @state() accessor dataError: unknown = null;
  /** @internal */
  @state() accessor activeKey = '';
  /** @internal */
  @state() accessor monthActivityId = '';
  /** @internal */
  @state() accessor status = '';
  /** @internal */
  @state() accessor alert = '';
  /** @internal */
  @state() accessor busy = false;
  /** @internal The booked day being cancelled, while the calendar asks why. */
  @state() accessor absence: AbsenceAsked | null = null;

  #requested = '';
  #request = 0;
  #cells = new Map<string, Cell>();
  #rows: string[][] = [];
  #active = '';
  #focus = new FocusAfterRender(this);

  get #timeZone(): string {
    return this.store?.timeZone ?? 'Europe/Paris';
  }

  /** The services the household's children are enrolled in, in the order they come. */
  get #services(): { id: string; name: string }[] {
    const services = new Map<string, string>();
    for (const child of this.store?.children ?? []) for (const e of child.enrolments) services.set(e.service.id, e.service.name);
    return [...services].map(([id, name]) => ({ id, name }));
  }

  get #childrenInService(): Child[] {
    return (this.store?.children ?? []).filter((c) => c.enrolments.some((e) => e.service.id === this.serviceId));
  }

  get #range(): { from: string; to: string } {
    if (this.view === 'month') return { from: firstOfMonth(this.anchor), to: lastOfMonth(this.anchor) };
    const from = mondayOf(this.anchor);
    return { from, to: addDays(from, 7 * this.#weeks - 3) };
  }

  get #weeks(): number {
    return Math.min(12, Math.max(1, Math.round(this.weeks) || 4));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.anchor || changed.has('date')) this.anchor = isLocalDate(this.date) ? this.date : todayIn(this.#timeZone);
    const services = this.#services;
    if (!services.some((s) => s.id === this.serviceId)) {
      this.serviceId = (services.find((s) => s.id === this.service) ?? services[0])?.id ?? '';
    }
    const children = this.#childrenInService;
    if (!children.some((c) => c.id === this.childId)) {
      this.childId = (children.find((c) => c.id === this.child) ?? children[0])?.id ?? '';
    }
    if (changed.has('data')) {
      this.#cells = new Map((this.data?.cells ?? []).map((c) => [cellKey(c.activityId, c.date), c]));
    }
    const store = this.store;
    if (store?.signedIn && this.childId && this.serviceId && this.view !== 'period') {
      const { from, to } = this.#range;
      const request = [store.collectivity, this.childId, this.serviceId, from, to, store.bookingsVersion].join('|');
      if (request !== this.#requested) {
        this.#requested = request;
        void this.#load(from, to);
      }
    }
  }

  protected override storeChanged(topic: StoreTopic): void {
    super.storeChanged(topic);
    // Signed out: nothing of the household stays on screen or in memory.
    if (topic === 'session' && !this.store?.signedIn) {
      this.data = null;
      this.dataState = 'idle';
      this.status = '';
      this.alert = '';
      this.#requested = '';
    }
  }

  async #load(from: string, to: string): Promise<void> {
    const store = this.store;
    if (!store) return;
    const id = ++this.#request;
    this.dataState = 'loading';
    try {
      const data = await store.client.calendar.get(this.childId, { from, to, service: this.serviceId }, store.callOptions);
      if (id !== this.#request) return;
      this.data = data;
      this.dataState = 'ready';
      this.dataError = null;
    } catch (error) {
      if (id !== this.#request) return;
      this.dataState = 'error';
      this.dataError = error;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog#absence');
    if (dialog && this.absence && !dialog.open) dialog.showModal();
    if (dialog && !this.absence && dialog.open) dialog.close();
  }

  /** The cart's change for a day: from the store's cart (changes on their way included), else from the calendar. */
  #pending(cell: Cell, lines: Map<string, CartLine> | null): { action: 'book' | 'cancel' } | null {
    if (!lines) return cell.pending;
    const line = lines.get(lineKey({ childId: this.data?.child.id ?? '', activityId: cell.activityId, date: cell.date }));
    return line ? { action: line.action } : null;
  }

  #describe(activity: CalendarActivity, date: string, lines: Map<string, CartLine> | null): CellView {
    const cell = this.#cells.get(cellKey(activity.id, date));
    if (!cell) {
      const state = this.dataState === 'loading' ? msg('chargement') : msg('non réservable');
      return { kind: 'none', action: null, state, reason: null };
    }
    return describeCell(cell, this.#pending(cell, lines), this.#timeZone);
  }

  #cartLines(): Map<string, CartLine> | null {
    const cart = this.store?.cart;
    return cart ? new Map(cart.lines.map((l) => [lineKey(l), l])) : null;
  }

  async #activate(activity: CalendarActivity, date: string): Promise<void> {
    const store = this.store;
    const data = this.data;
    const key = cellKey(activity.id, date);
    const cell = this.#cells.get(key);
    if (!store || !data || !cell) return;
    this.activeKey = key;
    const view = this.#describe(activity, date, this.#cartLines());
    const what = `${activity.name}, ${dayAndMonth(date)} (${data.child.firstName})`;
    if (!view.action) {
      this.status = `${cellLabel(what, view)}.`;
      return;
    }
    this.alert = '';
    const child = data.child;
    try {
      if (view.action === 'remove') {
        await store.removeLine({ childId: child.id, activityId: activity.id, date });
        this.status = msg(str`Retiré du panier : ${what}.`);
        return;
      }
      const action = view.action;
      // Cancelling a booked day is reporting an absence: ask why first.
      if (action === 'cancel' && cell.status === 'booked') {
        this.absence = { key, activityId: activity.id, date, what, late: cell.canReportAbsence, reason: null };
        return;
      }
      const shown: CartLine = {
        id: `pending:${key}`,
        childId: child.id,
        activityId: activity.id,
        date,
        action,
        reason: null,
        absence: null,
        priceCents: action === 'book' ? cell.priceCents : 0,
        paymentMode: activity.paymentMode,
        child: { firstName: child.firstName, lastName: child.lastName },
        activity: { code: activity.code, name: activity.name },
      };
      await store.addLines([{ childId: child.id, activityId: activity.id, action, dates: [date] }], [shown]);
      this.status = action === 'book' ? msg(str`Ajouté au panier : ${what}.`) : msg(str`Annulation ajoutée au panier : ${what}.`);
    } catch (error) {
      this.alert = errorMessage(error);
    }
  }

  #onKeydown(event: KeyboardEvent): void {
    if (!isGridKey(event)) return;
    const from = (event.target as HTMLElement).closest<HTMLElement>('button[data-key]')?.dataset.key;
    if (!from) return;
    const move =
      this.view === 'month'
        ? monthGridMove(from, event)
        : weekGridMove(this.#rows, this.data?.activities.length ?? 1, from, event, this.#weeks);
    if (!move) return;
    event.preventDefault();
    if (move.page !== 0) {
      this.anchor =
        this.view === 'month' ? addMonths(this.anchor, move.page) : addDays(mondayOf(this.anchor), 7 * this.#weeks * move.page);
    }
    this.activeKey = move.key;
    this.#focus.request(`button[data-key="${move.key}"]`);
  }

  #onFocusIn(event: FocusEvent): void {
    const key = (event.target as HTMLElement).dataset?.key;
    if (key) this.activeKey = key;
  }

  #turn(direction: number): void {
    if (direction === 0) this.anchor = isLocalDate(this.date) ? this.date : todayIn(this.#timeZone);
    else if (this.view === 'month') this.anchor = addMonths(this.anchor, direction);
    else this.anchor = addDays(mondayOf(this.anchor), 7 * this.#weeks * direction);
    this.status = '';
  }

  #setView(view: CalendarView): void {
    this.view = view;
    this.status = '';
    this.alert = '';
  }

  /** Runs a bulk action (period, same days, repeated week) and says what it did. */
  async #bulk(inputs: CartLinesInput[], empty: string): Promise<void> {
    if (!this.store) return;
    if (inputs.length === 0) {
      this.status = empty;
      return;
    }
    this.busy = true;
    this.alert = '';
    try {
      this.status = changeSummary(await this.store.addLines(inputs));
    } catch (error) {
      this.alert = errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  #sameDaysForAll(): void {
    const data = this.data;
    if (!data || !this.store) return;
    const activities = new Map(data.activities.map((a) => [a.id, a]));
    const chosen = (this.store.cart?.lines ?? [])
      .filter((l) => l.childId === data.child.id && l.action === 'book' && activities.has(l.activityId))
      .map((l) => ({ activityId: l.activityId, activityName: l.activity.name, date: l.date }));
    const inputs = sameDaysInputs(this.store.children, data.child.id, this.serviceId, chosen);
    void this.#bulk(
      inputs,
      chosen.length === 0
        ? msg(str`Choisissez d'abord des jours pour ${data.child.firstName} : ils seront ajoutés pour vos autres enfants.`)
        : msg('Vos autres enfants ne sont pas inscrits à ces activités.'),
    );
  }

  #repeatWeek(event: SubmitEvent): void {
    event.preventDefault();
    const data = this.data;
    if (!data) return;
    const until = String(new FormData(event.target as HTMLFormElement).get('until') ?? '');
    const monday = mondayOf(splitKey(this.#active).date || this.anchor);
    if (!isLocalDate(until) || until <= addDays(monday, 6)) {
      this.alert = msg('Choisissez une date de fin après cette semaine.');
      return;
    }
    const lines = this.#cartLines();
    const inputs = repeatWeekInputs(
      data.child.id,
      data.activities,
      monday,
      until,
      (activity, date) => this.#describe(activity, date, lines).kind,
    );
    void this.#bulk(inputs, msg('Aucun jour réservé ou choisi cette semaine-là : rien à répéter.'));
  }

  #onPeriod(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const activityId = String(form.get('activity') ?? '');
    const from = String(form.get('from') ?? '');
    const to = String(form.get('to') ?? '');
    const weekdays = form.getAll('weekday').map(Number);
    if (!isLocalDate(from) || !isLocalDate(to) || from > to) {
      this.alert = msg('Indiquez une période valide : la date de début, puis une date de fin qui la suit.');
      return;
    }
    if (weekdays.length === 0) {
      this.alert = msg('Cochez au moins un jour de la semaine.');
      return;
    }
    const child = this.#childrenInService.find((c) => c.id === this.childId);
    const activity = child?.enrolments.find((e) => e.activity.id === activityId)?.activity;
    if (!child || !activity) return;
    const all = form.get('allChildren') ? this.#childrenInService : [child];
    void this.#bulk(periodInputs(all, child.id, this.serviceId, activity, { from, to, weekdays }), '');
  }

  protected override render(): TemplateResult {
    const store = this.store;
    const title = heading(this.headingLevel, msg('Mes réservations'));
    if (!store) return html`<p class="message">${msg('Placez cet élément dans un élément <foyer-provider>.')}</p>`;
    if (!store.signedIn) {
      return html`${title}<p class="message">${msg('Connectez-vous pour consulter et réserver les activités de vos enfants.')}</p>`;
    }
    if (store.childrenState === 'loading' || store.childrenState === 'idle') {
      return html`${title}<p class="muted" role="status">${msg('Chargement de vos enfants…')}</p>`;
    }
    if (store.childrenState === 'error') {
      return html`${title}<p class="message error" role="alert">${errorMessage(store.childrenError)}</p>
        <button @click=${() => store.loadChildren()}>${msg('Réessayer')}</button>`;
    }
    if (this.#services.length === 0) {
      return html`${title}<p class="message">${msg("Aucun de vos enfants n'est inscrit à un service de cette commune.")}</p>`;
    }
    return html`${title} ${this.#renderToolbar()}
      <div class="body" @keydown=${this.#onKeydown} @focusin=${this.#onFocusIn}>${this.#renderBody()}</div>
      ${this.alert ? html`<p class="message error" role="alert">${this.alert}</p>` : nothing}
      <p class="status" role="status" part="status">${this.status}</p>
      ${this.view === 'period' ? nothing : this.#renderBulk()}
      ${renderAbsenceDialog(this.absence, {
        onReason: (reason) => {
          if (this.absence) this.absence = { ...this.absence, reason };
        },
        onSubmit: (event) => void this.#reportAbsence(event),
        onClose: () => {
          this.absence = null;
        },
      })}
      ${calendarFeedSlot()}`;
  }

  /** Adds the cancellation of the asked day, with its reason, to the cart. */
  async #reportAbsence(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const asked = this.absence;
    const store = this.store;
    const data = this.data;
    if (!asked?.reason || !store || !data) return;
    const child = data.child;
    const activity = data.activities.find((a) => a.id === asked.activityId);
    if (!activity) return;
    const shown: CartLine = {
      id: `pending:${asked.key}`,
      childId: child.id,
      activityId: activity.id,
      date: asked.date,
      action: 'cancel',
      reason: null,
      absence: asked.reason,
      priceCents: 0,
      paymentMode: activity.paymentMode,
      child: { firstName: child.firstName, lastName: child.lastName },
      activity: { code: activity.code, name: activity.name },
    };
    this.absence = null;
    this.#focus.request(`button[data-key="${asked.key}"]`);
    try {
      await store.addLines(
        [{ childId: child.id, activityId: activity.id, action: 'cancel', dates: [asked.date], absence: asked.reason }],
        [shown],
      );
      this.status = asked.late
        ? msg(str`Absence ajoutée au panier, hors délai : ${asked.what}.`)
        : msg(str`Annulation ajoutée au panier : ${asked.what}.`);
      this.dispatchEvent(
        new FoyerAbsenceReportedEvent({
          childId: child.id,
          activityId: activity.id,
          date: asked.date,
          absence: asked.reason,
          late: asked.late,
        }),
      );
    } catch (error) {
      this.alert = errorMessage(error);
    }
  }

  #renderToolbar(): TemplateResult {
    return renderToolbar({
      view: this.view,
      services: this.#services,
      serviceId: this.serviceId,
      children: this.#childrenInService,
      childId: this.childId,
      onService: (id) => (this.serviceId = id),
      onChild: (id) => (this.childId = id),
      onView: (view) => this.#setView(view),
      onTurn: (direction) => this.#turn(direction),
    });
  }

  #renderBody(): TemplateResult {
    if (this.view === 'period') return this.#renderPeriod();
    if (this.dataState === 'error') {
      return html`<p class="message error" role="alert">${errorMessage(this.dataError)}</p>
        <button @click=${() => this.#retry()}>${msg('Réessayer')}</button>`;
    }
    const data = this.data;
    if (!data) return html`<p class="muted" role="status">${msg('Chargement du calendrier…')}</p>`;
    if (data.activities.length === 0) {
      return html`<p class="message">${msg('Aucune activité pour cet enfant dans ce service sur ces dates.')}</p>`;
    }
    const { from } = this.#range;
    const lines = this.#cartLines();
    const monthActivity = data.activities.find((a) => a.id === this.monthActivityId) ?? data.activities[0];
    const name = `${data.child.firstName} ${data.child.lastName}`;
    const ctx: GridContext = {
      activities: data.activities,
      loading: this.dataState === 'loading',
      caption:
        this.view === 'month'
          ? `${monthAndYear(this.anchor)} — ${monthActivity?.name ?? ''} — ${name}`
          : msg(str`Prévisions hebdomadaires de ${name}`),
      renderCell: (activity, date, withNumber) => this.#renderCell(activity, date, withNumber, lines),
    };
    this.#rows =
      this.view === 'month' && monthActivity ? monthRows(this.anchor, monthActivity) : weekRows(ctx, from, this.#weeks);
    const keys = this.#rows.flat();
    this.#active = keys.includes(this.activeKey)
      ? this.activeKey
      : (keys.find((k) => splitKey(k).date >= this.anchor) ?? keys[0] ?? '');
    return html`${
      this.view === 'month' && data.activities.length > 1
        ? html`<div class="field">
          <label for="month-activity">${msg('Activité')}</label>
          <select id="month-activity" @change=${(e: Event) => (this.monthActivityId = (e.target as HTMLSelectElement).value)}>
            ${data.activities.map((a) => html`<option value=${a.id} ?selected=${a.id === monthActivity?.id}>${a.name}</option>`)}
          </select>
        </div>`
        : nothing
    }
      <div class="scroller">
        ${this.view === 'month' && monthActivity ? renderMonthGrid(ctx, this.anchor, monthActivity) : renderWeekGrid(ctx, from, this.#weeks)}
      </div>
      ${this.dataState === 'loading' ? html`<p class="muted loading">${msg('Mise à jour…')}</p>` : nothing}
      <ul class="legend" part="legend" aria-label=${msg('Légende')}>
        ${legend().map((l) => html`<li><span class="mark ${l.kind}" aria-hidden="true">${glyph(l.kind)}</span>${l.text}</li>`)}
      </ul>`;
  }

  #renderCell(
    activity: CalendarActivity,
    date: string,
    withNumber: boolean,
    lines: Map<string, CartLine> | null,
  ): TemplateResult {
    const key = cellKey(activity.id, date);
    const view = this.#describe(activity, date, lines);
    const label = cellLabel(`${dayAndMonth(date)}, ${activity.name}`, view);
    return html`<button
      type="button"
      class="cell ${view.kind}"
      part="cell"
      data-key=${key}
      tabindex=${key === this.#active ? 0 : -1}
      aria-label=${label}
      aria-disabled=${view.action ? 'false' : 'true'}
      title=${view.reason ?? nothing}
      @click=${() => this.#activate(activity, date)}
    >
      ${withNumber ? html`<span class="num" aria-hidden="true">${Number(date.slice(8))}</span>` : nothing}
      <span class="mark" aria-hidden="true">${glyph(view.kind)}</span>
    </button>`;
  }

  #retry(): void {
    this.#requested = '';
    this.requestUpdate();
  }

  #renderPeriod(): TemplateResult {
    const child = this.#childrenInService.find((c) => c.id === this.childId);
    const activities = (child?.enrolments ?? [])
      .filter((e) => e.service.id === this.serviceId)
      .map((e) => ({ id: e.activity.id, name: e.activity.name, site: e.site.name }));
    return renderPeriodForm({
      activities,
      from: this.anchor,
      to: lastOfMonth(this.anchor),
      hasSiblings: this.#childrenInService.length > 1,
      busy: this.busy,
      onSubmit: (e) => this.#onPeriod(e),
    });
  }

  #renderBulk(): TemplateResult | typeof nothing {
    if (!this.data || this.data.activities.length === 0) return nothing;
    return renderBulkActions({
      monday: mondayOf(splitKey(this.#active).date || this.anchor),
      hasSiblings: this.#childrenInService.length > 1,
      busy: this.busy,
      onSameDays: () => this.#sameDaysForAll(),
      onRepeat: (event) => this.#repeatWeek(event),
    });
  }
}
