import type { adminImports } from '@foyer/sdk';
import { fileToBase64 } from '@foyer/sdk/admin';
import { msg } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { errorMessage } from '../../shared/errors.js';
import { FocusAfterRender } from '../../shared/focus-after-render.js';
import { formStyles } from '../../shared/form-fields.js';
import { heading } from '../../shared/heading.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { tableStyles } from '../shared/table.js';
import { renderProgress, renderReport } from './import-report.js';

type Job = adminImports.ImportJob;

/**
 * **Import**: families from the previous software's spreadsheet, as a CSV file (French
 * headers, `;`, UTF-8 or Windows-1252; the format is in docs/agents.md). "Vérifier" runs a dry
 * run that lists every row's errors (line, column, why) and writes nothing; "Importer" writes
 * each family all or nothing, with a progress bar (percentage and rows per second), and can
 * send the invitations; both end with a report. Agents and admins.
 *
 * @summary The back office's CSV import of families, with dry run, progress and report.
 * @tagname foyer-admin-import
 *
 * @fires foyer-import-finished - An import (or a dry run) ended; `detail.job` with its report.
 */
export class FoyerAdminImport extends FoyerAdminElement {
  static override styles = [
    baseStyles,
    formStyles,
    tableStyles,
    adminStyles,
    css`
      progress {
        width: 100%;
        max-width: 32rem;
        height: 1.25rem;
      }
      .report.has-errors .heading {
        color: var(--_danger);
      }
    `,
  ];

  /** How often a running import is asked for its progress, in milliseconds. */
  @property({ type: Number, attribute: 'poll-interval' }) accessor pollInterval = 500;

  /** @internal */
  @state() accessor job: Job | null = null;
  /** @internal */
  @state() accessor error: unknown = null;
  /** @internal */
  @state() accessor fileError = '';
  /** @internal */
  @state() accessor busy = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #focus = new FocusAfterRender(this);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  async #start(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const admin = this.admin;
    const form = event.target as HTMLFormElement;
    const dryRun = (event.submitter as HTMLButtonElement | null)?.value === 'dry-run';
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (!admin) return;
    if (!file) {
      this.fileError = msg('Choisissez le fichier CSV des familles.');
      this.#focus.request('#file');
      return;
    }
    this.fileError = '';
    this.error = null;
    this.busy = true;
    try {
      const sendInvitations = (form.elements.namedItem('sendInvitations') as HTMLInputElement).checked;
      this.job = await admin.imports.create(
        { content: await fileToBase64(file), filename: file.name, dryRun, sendInvitations },
        this.callOptions,
      );
      this.#poll();
    } catch (error) {
      this.error = error;
      this.busy = false;
    }
  }

  #poll(): void {
    const job = this.job;
    const admin = this.admin;
    if (!job || !admin) return;
    if (job.status !== 'running') {
      this.busy = false;
      this.#focus.request('#report-title');
      this.dispatchEvent(new CustomEvent('foyer-import-finished', { detail: { job }, bubbles: true, composed: true }));
      return;
    }
    this.#timer = setTimeout(async () => {
      try {
        this.job = await admin.imports.get(job.id, this.callOptions);
        this.#poll();
      } catch (error) {
        this.error = error;
        this.busy = false;
      }
    }, this.pollInterval);
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    const job = this.job;
    return html`${heading(this.headingLevel, msg('Import des familles'))}
      <p>
        ${msg('Un fichier CSV exporté de votre ancien logiciel : en-têtes en français, séparateur « ; », encodé en UTF-8 ou Windows-1252. Une ligne par enfant ou par responsable, regroupées en familles par la colonne id_famille ; réimporter une famille la met à jour.')}
      </p>
      <form novalidate aria-label=${msg('Importer un fichier de familles')} @submit=${(e: SubmitEvent) => this.#start(e)}>
        <div class="field">
          <label for="file">${msg('Fichier CSV')}</label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid=${this.fileError ? 'true' : 'false'}
            aria-describedby=${this.fileError ? 'file-error' : nothing}
            ?disabled=${this.busy}
          />
          ${this.fileError ? html`<p class="field-error" id="file-error">${this.fileError}</p>` : nothing}
        </div>
        <div class="choice">
          <input type="checkbox" id="sendInvitations" name="sendInvitations" />
          <label for="sendInvitations">${msg('Envoyer les invitations aux nouveaux responsables')}</label>
        </div>
        <div class="actions">
          <button type="submit" value="dry-run" ?disabled=${this.busy}>${msg('Vérifier sans rien écrire')}</button>
          <button type="submit" class="primary" value="import" ?disabled=${this.busy}>${msg('Importer')}</button>
        </div>
      </form>
      ${this.error ? html`<p class="message error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      <p class="visually-hidden" role="status">
        ${job ? (job.status === 'running' ? msg('Import en cours…') : msg('Import terminé.')) : nothing}
      </p>
      ${job?.status === 'running' ? renderProgress(job) : nothing}
      ${job && job.status !== 'running' ? renderReport(job, this.headingLevel + 1) : nothing}`;
  }
}
