import { adminExports } from '@foyer/sdk';
import type { ExportDownload, ExportKind, ExportProgress } from '@foyer/sdk/admin';
import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { addDays, firstOfMonth, todayIn } from '../../shared/dates.js';
import { errorMessage } from '../../shared/errors.js';
import { formStyles } from '../../shared/form-fields.js';
import { heading } from '../../shared/heading.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { type AgentRole, agentMemberships } from '../shared/roles.js';

/** Each export, with the roles the contract admits on its route (the kitchen gets meal counts only). */
const KINDS: { kind: ExportKind; roles: readonly AgentRole[] }[] = [
  { kind: 'bookings', roles: adminExports.exportBookings.roles ?? [] },
  { kind: 'attendance', roles: adminExports.exportAttendance.roles ?? [] },
  { kind: 'mealCounts', roles: adminExports.exportMealCounts.roles ?? [] },
];

function kindLabel(kind: ExportKind): string {
  switch (kind) {
    case 'bookings':
      return msg('Réservations');
    case 'attendance':
      return msg('Présences');
    case 'mealCounts':
      return msg('Repas par jour et par site');
  }
}

function kilobytes(bytes: number): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(bytes / 1024);
}

/**
 * **Exports**: the bookings, the attendance or the meal counts of a period as a CSV file that
 * French spreadsheets open as it is. The file comes as a stream: the screen counts the rows and
 * kilobytes received (the length is not known in advance), then offers the file to save.
 * The kitchen sees the meal counts only.
 *
 * @summary The back office's CSV exports of a period, with progress.
 * @tagname foyer-admin-exports
 */
export class FoyerAdminExports extends FoyerAdminElement {
  static override styles = [
    baseStyles,
    formStyles,
    adminStyles,
    css`
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
      progress { width: min(100%, 20rem); height: 1.5rem; }
    `,
  ];

  /** The first day of the period; the first of the current month unless set. */
  @property() accessor from = '';
  /** The last day of the period; today unless set. */
  @property() accessor to = '';

  /** @internal */
  @state() accessor kind: ExportKind = 'bookings';
  /** @internal */
  @state() accessor progress: ExportProgress | null = null;
  /** @internal */
  @state() accessor result: (ExportDownload & { url: string }) | null = null;
  /** @internal */
  @state() accessor error: unknown = null;
  #controller: AbortController | null = null;
  #focusResult = false;

  get #kinds(): ExportKind[] {
    const memberships = agentMemberships(this.store?.me ?? null);
    const role = (memberships.find((m) => m.collectivity.slug === this.store?.collectivity) ?? memberships[0])?.role;
    return KINDS.filter((k) => role && k.roles.includes(role)).map((k) => k.kind);
  }

  protected override load(): void {
    const today = todayIn(this.store?.timeZone ?? 'Europe/Paris');
    this.to ||= today;
    this.from ||= firstOfMonth(addDays(today, -1));
    const kinds = this.#kinds;
    if (!kinds.includes(this.kind) && kinds[0]) this.kind = kinds[0];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#controller?.abort();
    if (this.result) URL.revokeObjectURL(this.result.url);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusResult) {
      this.#focusResult = false;
      this.renderRoot.querySelector<HTMLElement>('.result a, [role="alert"]')?.focus();
    }
  }

  async #start(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const admin = this.admin;
    if (!admin || this.progress) return;
    const form = event.target as HTMLFormElement;
    this.from = (form.elements.namedItem('from') as HTMLInputElement).value;
    this.to = (form.elements.namedItem('to') as HTMLInputElement).value;
    this.kind = (form.elements.namedItem('kind') as HTMLSelectElement).value as ExportKind;
    if (this.result) URL.revokeObjectURL(this.result.url);
    this.result = null;
    this.error = null;
    this.progress = { bytes: 0, rows: 0 };
    this.#controller = new AbortController();
    try {
      const download = await admin.exports[this.kind](
        { from: this.from, to: this.to },
        {
          ...this.callOptions,
          signal: this.#controller.signal,
          onProgress: (progress) => {
            this.progress = progress;
          },
        },
      );
      this.result = { ...download, url: URL.createObjectURL(download.blob) };
    } catch (error) {
      if (!this.#controller.signal.aborted) this.error = error;
    } finally {
      this.progress = null;
      this.#controller = null;
      this.#focusResult = true;
    }
  }

  #cancel(): void {
    this.#controller?.abort();
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    const busy = this.progress !== null;
    return html`${heading(this.headingLevel, msg('Exports'))}
      <p>${msg('CSV pour tableur, sans donnée de santé.')}</p>
      <form class="toolbar" aria-label=${msg('Exporter une période')} @submit=${(e: SubmitEvent) => this.#start(e)}>
        <div class="field">
          <label for="kind">${msg('Export')}</label>
          <select id="kind" name="kind" ?disabled=${busy}>
            ${this.#kinds.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${kindLabel(k)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="from">${msg('Du')}</label>
          <input id="from" name="from" type="date" required .value=${this.from} ?disabled=${busy} />
        </div>
        <div class="field">
          <label for="to">${msg('Au')}</label>
          <input id="to" name="to" type="date" required .value=${this.to} ?disabled=${busy} />
        </div>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${busy}>${msg('Exporter')}</button>
          ${busy ? html`<button type="button" @click=${() => this.#cancel()}>${msg('Arrêter')}</button>` : nothing}
        </div>
      </form>
      <div role="status" class="progress">
        ${
          this.progress
            ? html`<progress aria-label=${msg('Export en cours')}></progress>
              <p>${msg(str`${this.progress.rows} lignes reçues (${kilobytes(this.progress.bytes)} Ko)…`)}</p>`
            : nothing
        }
      </div>
      ${this.error ? html`<p class="message error" role="alert" tabindex="-1">${errorMessage(this.error)}</p>` : nothing}
      ${
        this.result
          ? html`<p class="message success result">
            ${msg(str`Export prêt : ${this.result.rows} lignes.`)}
            <a href=${this.result.url} download=${this.result.filename}>${msg(str`Enregistrer ${this.result.filename}`)}</a>
          </p>`
          : nothing
      }`;
  }
}
