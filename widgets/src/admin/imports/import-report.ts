import type { adminImports } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { heading } from '../../shared/heading.js';

type Job = adminImports.ImportJob;

const number = (n: number) => new Intl.NumberFormat('fr-FR').format(n);

/** The running import: a progress bar with its percentage and the rows read per second. */
export function renderProgress(job: Job): TemplateResult {
  const percent = Math.round(job.percent);
  return html`<div class="progress" part="progress">
    <label for="import-progress">${job.dryRun ? msg('Vérification du fichier') : msg('Import en cours')}</label>
    <progress id="import-progress" max="100" .value=${percent} aria-valuetext=${msg(str`${percent} %`)}></progress>
    <p>
      <strong>${percent} %</strong> —
      ${msg(str`${number(job.processedFamilies)} famille(s) sur ${number(job.totalFamilies)}`)} —
      ${msg(str`${number(Math.round(job.rowsPerSecond))} lignes/s`)}
    </p>
  </div>`;
}

/** The end of an import: what was written (or would be, for a dry run) and every error, where it is in the file. */
export function renderReport(job: Job, level: number): TemplateResult {
  const report = job.report;
  if (job.status === 'failed' || !report) {
    return html`<p class="message error" role="alert" tabindex="-1" id="report-title">
      ${msg("L'import a échoué : rien n'a été écrit. Réessayez, ou vérifiez le fichier.")}
    </p>`;
  }
  const title = job.dryRun
    ? report.errors.length > 0
      ? msg(str`Vérification : ${report.errors.length} erreur(s) à corriger`)
      : msg('Vérification : le fichier est prêt à être importé')
    : msg('Import terminé');
  return html`<section aria-labelledby="report-title" class=${report.errors.length > 0 ? 'report has-errors' : 'report'}>
    ${heading(level, title, 'report-title')}
    <dl class="details">
      <dt>${msg('Familles dans le fichier')}</dt>
      <dd>${number(report.families)}</dd>
      <dt>${job.dryRun ? msg('Seraient créées') : msg('Créées')}</dt>
      <dd>${number(report.created)}</dd>
      <dt>${job.dryRun ? msg('Seraient mises à jour') : msg('Mises à jour')}</dt>
      <dd>${number(report.updated)}</dd>
      <dt>${msg('En erreur (non écrites)')}</dt>
      <dd>${number(report.failed)}</dd>
      ${job.dryRun ? nothing : html`<dt>${msg('Invitations envoyées')}</dt><dd>${number(report.invitationsSent)}</dd>`}
      <dt>${msg('Encodage lu')}</dt>
      <dd>${job.encoding ?? '—'}</dd>
    </dl>
    ${
      report.errors.length > 0
        ? html`<div class="table-wrap">
          <table>
            <caption>${msg('Erreurs ligne par ligne')}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Ligne')}</th>
                <th scope="col">${msg('Colonne')}</th>
                <th scope="col">${msg('Famille (id externe)')}</th>
                <th scope="col">${msg('Erreur')}</th>
              </tr>
            </thead>
            <tbody>
              ${report.errors.map(
                (e) => html`<tr>
                  <td>${e.line}</td>
                  <td>${e.column ?? '—'}</td>
                  <td>${e.externalId ?? '—'}</td>
                  <td>${e.message}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>`
        : nothing
    }
  </section>`;
}
