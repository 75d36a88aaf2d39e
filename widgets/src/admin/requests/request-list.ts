import type { adminRequests } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { instant } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';
import type { PagedList } from '../shared/paged-list.js';
import { type Column, renderTable } from '../shared/table.js';
import { OPEN_STATUSES, statusLabel } from './request-status.js';

export type InboxRow = adminRequests.AdminRequestSummary;

/** The inbox's filters: a status list (`''`: all), a category id, an assignee (`me`, `none`, an agent's id). */
export interface InboxQuery {
  /** Newest first always: the inbox's columns do not sort. */
  sort?: undefined;
  status: string;
  category: string;
  assignee: string;
}

/** What the list needs from the element showing it. */
export interface ListHost {
  readonly headingLevel: number;
  readonly inbox: PagedList<InboxRow, InboxQuery>;
  readonly unreadCount: number | null;
  readonly categories: readonly { id: string; title: string }[];
  /** The colleagues a request can be assigned to, beside the caller. */
  readonly assignees: readonly { id: string; name: string }[];
  openRequest(id: string): void;
}

function columns(host: ListHost): Column<InboxRow>[] {
  return [
    {
      key: 'request',
      label: msg('Demande'),
      cell: (row) =>
        html`<button type="button" class="link" @click=${() => host.openRequest(row.id)}>
            ${row.category.title}${row.child ? ` — ${row.child.firstName}` : ''}
          </button>
          ${row.unread ? html`<span class="badge unread">${msg('non lue')}</span>` : nothing}`,
    },
    { key: 'household', label: msg('Foyer'), cell: (row) => row.household.name },
    { key: 'status', label: msg('Statut'), cell: (row) => statusLabel(row.status) },
    { key: 'assignedTo', label: msg('Assignée à'), cell: (row) => row.assignedTo?.name ?? msg('personne') },
    { key: 'createdAt', label: msg('Reçue le'), cell: (row) => instant(row.createdAt) },
    {
      key: 'lastMessageAt',
      label: msg('Dernier message'),
      cell: (row) => (row.lastMessageAt ? instant(row.lastMessageAt) : '—'),
    },
  ];
}

function filterSelect(id: string, label: string, value: string, choices: [string, string][], onChange: (value: string) => void) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      ${choices.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>
  </div>`;
}

/** The inbox: its unread count, its filters (the API filters and pages), and the table. */
export function renderRequestList(host: ListHost): TemplateResult {
  const list = host.inbox;
  const q = list.query;
  const statuses: [string, string][] = [
    [OPEN_STATUSES, msg('À traiter')],
    ['submitted', msg('Nouvelles')],
    ['in_progress', msg('En cours')],
    ['needs_info', msg('En attente de la famille')],
    ['accepted', msg('Acceptées')],
    ['rejected', msg('Refusées')],
    ['', msg('Toutes')],
  ];
  const assignees: [string, string][] = [
    ['', msg('Tout le monde')],
    ['me', msg('À moi')],
    ['none', msg('Non assignées')],
    ...host.assignees.map((a): [string, string] => [a.id, a.name]),
  ];
  const unread = host.unreadCount;
  return html`${heading(host.headingLevel, msg('Demandes'))}
    ${
      unread === null
        ? nothing
        : html`<p class="muted unread-count">
          ${unread === 0 ? msg('Aucune demande non lue.') : msg(str`${unread} demande(s) non lue(s).`)}
        </p>`
    }
    <div class="toolbar" role="group" aria-label=${msg('Filtrer les demandes')}>
      ${filterSelect('filter-status', msg('Statut'), q.status, statuses, (status) => list.setQuery({ status }))}
      ${filterSelect(
        'filter-category',
        msg('Thématique'),
        q.category,
        [['', msg('Toutes')], ...host.categories.map((c): [string, string] => [c.id, c.title])],
        (category) => list.setQuery({ category }),
      )}
      ${filterSelect('filter-assignee', msg('Assignée à'), q.assignee, assignees, (assignee) => list.setQuery({ assignee }))}
    </div>
    ${renderTable(list, {
      caption: msg('Demandes des familles, les plus récentes en premier'),
      columns: columns(host),
      empty: msg('Aucune demande ne correspond à ces filtres.'),
      rowKey: (row) => row.id,
    })}`;
}
