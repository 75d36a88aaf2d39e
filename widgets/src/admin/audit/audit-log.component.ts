import type { adminAudit } from '@foyer/sdk';
import { msg } from '@lit/localize';
import { css, html, type TemplateResult } from 'lit';
import { baseStyles } from '../../shared/base.styles.js';
import { formStyles } from '../../shared/form-fields.js';
import { instant } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { PagedList, type Sort } from '../shared/paged-list.js';
import { renderTable, tableStyles } from '../shared/table.js';

type Entry = adminAudit.AuditEntry;
interface AuditFilter {
  /** Always newest first: the log has one order. */
  sort?: Sort;
  health: boolean;
  from: string;
  to: string;
}

const PAGE_SIZE = 25;

/** What an entry's action says, in words; the action's code for the rarer ones. */
function actionLabel(entry: Entry): string {
  if (entry.healthRead) return msg('a consulté des données de santé');
  if (entry.action === 'attachment.read') return msg('a ouvert un justificatif');
  return entry.action;
}

/** Where it happened: the screen or object the entry names. */
function objectLabel(entry: Entry): string {
  switch (entry.objectType) {
    case 'roll_call':
      return msg('Pointage du') + ` ${entry.objectId ?? ''}`;
    case 'day_list':
      return msg('Liste du jour du') + ` ${entry.objectId ?? ''}`;
    case 'kitchen_day_sheet':
      return msg('Fiche cuisine du') + ` ${entry.objectId ?? ''}`;
    case 'request':
      return msg('Demande');
    default:
      return entry.objectType;
  }
}

/**
 * **Journal d'audit**: who did what in the back office, newest first — above all who saw which
 * child's health data (allergies, care plans, pick-up persons), and when. For the town's admin
 * and its data protection officer; the log cannot be changed, by anyone.
 *
 * @summary The back office's audit log: who saw which child's health data, when.
 * @tagname foyer-admin-audit-log
 */
export class FoyerAdminAuditLog extends FoyerAdminElement {
  static override styles = [
    baseStyles,
    formStyles,
    tableStyles,
    adminStyles,
    css`
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin-bottom: 1rem; }
      .field { display: flex; flex-direction: column; gap: 0.25rem; }
    `,
  ];

  /** @internal */
  readonly entries = new PagedList<Entry, AuditFilter>(
    this,
    (filter, cursor) => {
      const admin = this.admin;
      if (!admin) return Promise.resolve({ items: [], nextCursor: null });
      return admin.auditLog.list(
        {
          limit: String(PAGE_SIZE),
          ...(filter.health ? { health: 'true' as const } : {}),
          ...(filter.from ? { from: filter.from } : {}),
          ...(filter.to ? { to: filter.to } : {}),
          ...(cursor ? { cursor } : {}),
        },
        this.callOptions,
      );
    },
    { health: true, from: '', to: '' },
  );

  protected override load(): void {
    void this.entries.load();
  }

  #filter(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    void this.entries.setQuery({
      health: (form.elements.namedItem('health') as HTMLInputElement).checked,
      from: value('from'),
      to: value('to'),
    });
  }

  protected override render(): TemplateResult {
    const timeZone = this.store?.timeZone ?? 'Europe/Paris';
    return html`${heading(this.headingLevel, msg("Journal d'audit"))}
      <p class="hint">
        ${msg('Qui a fait quoi, du plus récent au plus ancien. Le journal ne peut être ni modifié ni effacé.')}
      </p>
      <form class="toolbar" @submit=${(e: SubmitEvent) => this.#filter(e)}>
        <span class="choice inline">
          <input type="checkbox" id="audit-health" name="health" ?checked=${this.entries.query.health} />
          <label for="audit-health">${msg('Consultations de données de santé seulement')}</label>
        </span>
        <span class="field">
          <label for="audit-from">${msg('Du')}</label>
          <input id="audit-from" name="from" type="date" .value=${this.entries.query.from} />
        </span>
        <span class="field">
          <label for="audit-to">${msg('Au')}</label>
          <input id="audit-to" name="to" type="date" .value=${this.entries.query.to} />
        </span>
        <button type="submit">${msg('Filtrer')}</button>
      </form>
      ${renderTable(this.entries, {
        caption: msg("Entrées du journal d'audit"),
        rowKey: (e) => e.id,
        empty: msg('Aucune entrée pour ces critères.'),
        columns: [
          { key: 'at', label: msg('Date'), cell: (e) => instant(e.at, timeZone) },
          {
            key: 'actor',
            label: msg('Agent'),
            cell: (e) => (e.actor ? `${e.actor.name} (${e.actor.email})` : msg('compte supprimé')),
          },
          { key: 'action', label: msg('Action'), cell: actionLabel },
          { key: 'children', label: msg('Enfants'), cell: (e) => e.children.map((c) => c.name).join(', ') || '—' },
          { key: 'object', label: msg('Où'), cell: objectLabel },
        ],
      })}`;
  }
}
