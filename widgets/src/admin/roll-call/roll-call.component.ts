import type { adminRollCall } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { todayIn } from '../../shared/dates.js';
import { errorMessage } from '../../shared/errors.js';
import { formStyles } from '../../shared/form-fields.js';
import { heading } from '../../shared/heading.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { type MarkConflict, MarkQueue } from './mark-queue.js';

type Attendance = 'present' | 'absent_unjustified' | 'absent_justified';
type Row = adminRollCall.RollCallChild;

/** How often the tablet tries again to send the marks it keeps, while some wait. */
const RETRY_MS = 3000;

function attendanceLabel(value: Attendance | null): string {
  switch (value) {
    case 'present':
      return msg('Présent');
    case 'absent_unjustified':
      return msg('Absent');
    case 'absent_justified':
      return msg('Absent justifié');
    default:
      return msg('Non pointé');
  }
}

/**
 * **Pointage**: the roll call of an activity on a day, made for a tablet held by an animator
 * (768 px, 44 px targets). "Tous présents" first, then one tap per exception; a child who came
 * without booking is added present. Marks are kept on the device and sent when the connection
 * allows, each once; the number not yet sent is shown, and a mark another agent changed
 * meanwhile is shown as a conflict to settle, never overwritten.
 *
 * @summary The back office's roll call, for tablets, working offline.
 * @tagname foyer-admin-roll-call
 */
export class FoyerAdminRollCall extends FoyerAdminElement {
  static override styles = [
    baseStyles,
    formStyles,
    adminStyles,
    css`
      :host { display: block; max-width: 768px; }
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
      button, select, input { min-height: 44px; min-width: 44px; }
      ul.children { list-style: none; padding: 0; margin: 0.5rem 0; }
      li.child { display: grid; grid-template-columns: 1fr auto; gap: 0.5rem; align-items: center;
        padding: 0.5rem 0; border-bottom: 1px solid #d0d0d0; }
      .marks { display: flex; gap: 0.25rem; flex-wrap: wrap; }
      .marks button { min-width: 6.5rem; }
      .marks button[aria-pressed='true'] { background: #1d4f91; color: #fff; border-color: #1d4f91; }
      .badge { display: inline-block; padding: 0 0.4rem; border-radius: 0.25rem; background: #fde7c8; color: #5a3200;
        margin-inline-start: 0.25rem; font-size: 0.875rem; }
      .badge.pai { background: #f9d6d9; color: #6d0f1a; }
      .pending { font-weight: 600; }
      .conflict { border: 2px solid #a4000f; padding: 0.5rem; margin: 0.5rem 0; }
    `,
  ];

  /** The day of the roll call (`YYYY-MM-DD`); today in the collectivity's time zone unless set. */
  @property() accessor date = '';
  /** The activity's id; the first one offered unless set. */
  @property() accessor activity = '';

  /** @internal */
  @state() accessor activities: adminRollCall.RollCall['activity'][] = [];
  /** @internal False until loaded: an animator is offered only the activities of their sites. */
  @state() accessor activitiesLoaded = false;
  /** @internal */
  @state() accessor rollCall: adminRollCall.RollCall | null = null;
  /** @internal */
  @state() accessor unsent = 0;
  /** @internal */
  @state() accessor conflicts: MarkConflict[] = [];
  /** @internal */
  @state() accessor error: unknown = null;
  /** @internal */
  @state() accessor walkIn = '';

  #queue: MarkQueue | null = null;
  #retry: ReturnType<typeof setInterval> | undefined;
  readonly #online = () => void this.#flush();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.#online);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#online);
    clearInterval(this.#retry);
  }

  protected override load(): void {
    void this.#loadActivities();
  }

  get #marks(): MarkQueue {
    const scope = this.store?.collectivity ?? '';
    this.#queue ??= new MarkQueue(scope);
    return this.#queue;
  }

  async #loadActivities(): Promise<void> {
    const admin = this.admin;
    if (!admin) return;
    try {
      this.date ||= todayIn(this.store?.timeZone ?? 'Europe/Paris');
      this.activities = (await admin.rollCall.activities(this.callOptions)).activities;
      this.activitiesLoaded = true;
      this.activity ||= this.activities[0]?.id ?? '';
      this.#refreshUnsent();
      await this.#flush();
      await this.#loadDay();
    } catch (error) {
      this.error = error;
    }
  }

  async #loadDay(): Promise<void> {
    const admin = this.admin;
    if (!admin || !this.activity || !this.date) return;
    try {
      const wanted = { date: this.date, activity: this.activity };
      const day = await admin.rollCall.get(wanted, this.callOptions);
      // The agent picked another day or activity meanwhile: this answer is for a day no longer shown.
      if (wanted.date !== this.date || wanted.activity !== this.activity) return;
      this.rollCall = this.#withPending(day);
      this.error = null;
    } catch (error) {
      // Offline: the day already shown stays, with the marks kept on the device.
      this.error = error;
    }
  }

  /** The day as the API sent it, with the marks still on the device applied over it. */
  #withPending(day: adminRollCall.RollCall): adminRollCall.RollCall {
    let children = day.children;
    for (const mark of this.#marks.pending) {
      if (mark.date !== day.date || mark.activityId !== day.activity.id) continue;
      children = children.map((row) => (row.child.id === mark.childId ? { ...row, attendance: mark.attendance } : row));
    }
    return { ...day, children };
  }

  #refreshUnsent(): void {
    this.unsent = this.#marks.pending.length;
    if (this.unsent > 0 && this.#retry === undefined) {
      this.#retry = setInterval(() => void this.#flush(), RETRY_MS);
    } else if (this.unsent === 0 && this.#retry !== undefined) {
      clearInterval(this.#retry);
      this.#retry = undefined;
    }
  }

  async #flush(): Promise<void> {
    const admin = this.admin;
    if (!admin) return;
    await this.#marks.flush((mark) => admin.rollCall.mark(mark.markId, this.#body(mark), this.callOptions), {
      sent: (result) => {
        this.#updateRow(result.childId, (row) => ({
          ...row,
          bookingId: result.bookingId,
          version: result.version,
          walkIn: result.walkIn,
        }));
        this.#refreshUnsent();
      },
      conflict: (conflict) => {
        this.conflicts = [...this.conflicts, conflict];
        this.#updateRow(conflict.mark.childId, (row) => ({
          ...row,
          attendance: conflict.current.attendance as Attendance | null,
          version: conflict.current.version,
        }));
        this.#refreshUnsent();
      },
      refused: (error) => {
        this.error = error;
        this.#refreshUnsent();
      },
    });
    this.#refreshUnsent();
  }

  #body(mark: adminRollCall.RollCallMark): adminRollCall.RollCallMark {
    const { childId, activityId, date, attendance, seenVersion } = mark;
    return { childId, activityId, date, attendance, seenVersion };
  }

  #updateRow(childId: string, change: (row: Row) => Row): void {
    if (!this.rollCall) return;
    this.rollCall = { ...this.rollCall, children: this.rollCall.children.map((r) => (r.child.id === childId ? change(r) : r)) };
  }

  /** Keeps a mark on the device, shows it at once, and tries to send it. */
  #mark(childId: string, attendance: Attendance, seenVersion: number): void {
    const day = this.rollCall;
    if (!day) return;
    this.#marks.add({
      markId: crypto.randomUUID(),
      childId,
      activityId: day.activity.id,
      date: day.date,
      attendance,
      seenVersion,
    });
    this.#refreshUnsent();
    void this.#flush();
  }

  /** @internal */
  markChild(row: Row, attendance: Attendance): void {
    if (row.attendance === attendance) return;
    // The version the API will hold once the marks before this one arrive: each one changes it.
    const seen = row.version + this.#marks.pending.filter((m) => m.childId === row.child.id).length;
    this.#updateRow(row.child.id, (r) => ({ ...r, attendance }));
    this.#mark(row.child.id, attendance, seen);
  }

  /** @internal */
  allPresent(): void {
    for (const row of this.rollCall?.children ?? []) if (row.attendance === null) this.markChild(row, 'present');
  }

  /** @internal */
  addWalkIn(): void {
    const day = this.rollCall;
    const child = day?.enrolled.find((c) => c.id === this.walkIn);
    if (!day || !child) return;
    const row: Row = {
      child,
      bookingId: child.id,
      status: 'booked',
      walkIn: true,
      attendance: 'present',
      version: 0,
      recordedAt: null,
      recordedBy: null,
      absenceReason: null,
      allergies: null,
      carePlan: null,
    };
    this.rollCall = { ...day, children: [...day.children, row], enrolled: day.enrolled.filter((c) => c.id !== child.id) };
    this.walkIn = '';
    this.#mark(child.id, 'present', 0);
  }

  /** @internal */
  settle(conflict: MarkConflict, keepMine: boolean): void {
    this.conflicts = this.conflicts.filter((c) => c !== conflict);
    if (!keepMine) return;
    this.#updateRow(conflict.mark.childId, (r) => ({ ...r, attendance: conflict.mark.attendance }));
    this.#mark(conflict.mark.childId, conflict.mark.attendance, conflict.current.version);
  }

  #change(): void {
    this.rollCall = null;
    void this.#loadDay();
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    const day = this.rollCall;
    return html`${heading(this.headingLevel, msg('Pointage'))}
      <p class="pending" role="status">
        ${this.unsent > 0 ? msg(str`${this.unsent} pointage(s) non envoyé(s)`) : msg('Tous les pointages sont envoyés.')}
      </p>
      ${this.error && this.unsent === 0 ? html`<p class="message error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      ${this.conflicts.map((c) => this.#conflict(c))}
      <div class="toolbar">
        <div class="field">
          <label for="activity">${msg('Activité')}</label>
          <select
            id="activity"
            @change=${(e: Event) => {
              this.activity = (e.target as HTMLSelectElement).value;
              this.#change();
            }}
          >
            ${this.activities.map(
              (a) => html`<option value=${a.id} ?selected=${a.id === this.activity}>${a.site.name} — ${a.name}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="date">${msg('Jour')}</label>
          <input
            id="date"
            type="date"
            .value=${this.date}
            @change=${(e: Event) => {
              this.date = (e.target as HTMLInputElement).value;
              this.#change();
            }}
          />
        </div>
        <button class="primary" ?disabled=${!day} @click=${() => this.allPresent()}>${msg('Tous présents')}</button>
      </div>
      ${
        day
          ? this.#day(day)
          : this.activitiesLoaded && this.activities.length === 0
            ? html`<p class="muted">${msg('Aucune activité sur vos sites : un administrateur vous attribue vos sites.')}</p>`
            : html`<p class="muted">${msg('Chargement…')}</p>`
      }`;
  }

  #conflict(c: MarkConflict): TemplateResult {
    const row = this.rollCall?.children.find((r) => r.child.id === c.mark.childId);
    const name = row ? `${row.child.firstName} ${row.child.lastName}` : '';
    const by = c.current.recordedBy ?? msg('un autre agent');
    return html`<div class="conflict" role="alert">
      <p>
        ${msg(
          str`${name} : ${by} a pointé « ${attendanceLabel(c.current.attendance as Attendance | null)} » ; vous aviez pointé « ${attendanceLabel(c.mark.attendance)} ».`,
        )}
      </p>
      <button @click=${() => this.settle(c, false)}>${msg('Garder son pointage')}</button>
      <button @click=${() => this.settle(c, true)}>${msg('Remplacer par le mien')}</button>
    </div>`;
  }

  #day(day: adminRollCall.RollCall): TemplateResult {
    const marked = day.children.filter((r) => r.attendance !== null).length;
    return html`<p>${msg(str`${marked} pointé(s) sur ${day.children.length} attendu(s).`)}</p>
      ${
        day.children.length === 0
          ? html`<p class="muted">${msg('Aucun enfant attendu ce jour-là.')}</p>`
          : html`<ul class="children">
            ${day.children.map((row) => this.#row(row))}
          </ul>`
      }
      ${
        day.enrolled.length > 0
          ? html`<div class="toolbar">
            <div class="field">
              <label for="walk-in">${msg('Enfant venu sans réservation')}</label>
              <select id="walk-in" @change=${(e: Event) => (this.walkIn = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${this.walkIn === ''}>${msg('Choisir un enfant inscrit')}</option>
                ${day.enrolled.map((c) => html`<option value=${c.id}>${c.lastName} ${c.firstName}</option>`)}
              </select>
            </div>
            <button ?disabled=${this.walkIn === ''} @click=${() => this.addWalkIn()}>${msg('Ajouter présent')}</button>
          </div>`
          : nothing
      }`;
  }

  #row(row: Row): TemplateResult {
    const name = `${row.child.firstName} ${row.child.lastName}`;
    const choices: Attendance[] = ['present', 'absent_unjustified', 'absent_justified'];
    return html`<li class="child">
      <div>
        <strong>${row.child.lastName} ${row.child.firstName}</strong>
        ${row.walkIn ? html`<span class="badge">${msg('Sans réservation')}</span>` : nothing}
        ${row.status === 'cancel_requested' ? html`<span class="badge">${msg('Absence signalée')}</span>` : nothing}
        ${(row.allergies ?? []).map((a) => html`<span class="badge">${msg(str`Allergie : ${a}`)}</span>`)}
        ${row.carePlan ? html`<span class="badge pai">${msg('PAI')}</span>` : nothing}
      </div>
      <div class="marks" role="group" aria-label=${msg(str`Pointage de ${name}`)}>
        ${choices.map(
          (choice) =>
            html`<button aria-pressed=${row.attendance === choice ? 'true' : 'false'} @click=${() => this.markChild(row, choice)}>
              ${attendanceLabel(choice)}
            </button>`,
        )}
      </div>
    </li>`;
  }
}
