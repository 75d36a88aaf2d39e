import type { adminFamilies } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { heading } from '../../shared/heading.js';
import type { PagedList, Sort } from '../shared/paged-list.js';
import { type Column, renderTable } from '../shared/table.js';

export type HouseholdRow = adminFamilies.HouseholdSummary;
export interface HouseholdQuery {
  q: string;
  sort: Sort;
  archived: boolean;
}

/** What the list needs from the element showing it. */
export interface ListHost {
  readonly headingLevel: number;
  readonly households: PagedList<HouseholdRow, HouseholdQuery>;
  openHousehold(id: string): void;
  startCreate(): void;
}

const people = (list: { firstName: string; lastName: string }[]) => list.map((p) => `${p.firstName} ${p.lastName}`).join(', ');

function columns(host: ListHost): Column<HouseholdRow>[] {
  return [
    {
      key: 'name',
      label: msg('Foyer'),
      sortable: true,
      cell: (row) =>
        html`<button type="button" class="link" @click=${() => host.openHousehold(row.id)}>${row.name}</button>${
          row.archived ? html` <span class="badge">${msg('archivé')}</span>` : nothing
        }`,
    },
    { key: 'guardians', label: msg('Responsables'), cell: (row) => people(row.guardians) || '—' },
    {
      key: 'emails',
      label: msg('E-mails'),
      cell: (row) =>
        row.guardians
          .map((g) => g.email)
          .filter(Boolean)
          .join(', ') || '—',
    },
    { key: 'children', label: msg('Enfants'), cell: (row) => people(row.children) || '—' },
    { key: 'familyQuotient', label: msg('QF'), cell: (row) => row.familyQuotient ?? '—' },
    { key: 'externalId', label: msg('Id. externe'), cell: (row) => row.externalId ?? '—' },
  ];
}

/**
 * The households' search and table: the API searches (names of the household, its children and
 * guardians, emails), sorts (by name or creation) and paginates.
 */
export function renderHouseholdList(host: ListHost): TemplateResult {
  const list = host.households;
  const onSearch = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const q = (form.elements.namedItem('q') as HTMLInputElement).value.trim();
    const archived = (form.elements.namedItem('archived') as HTMLInputElement).checked;
    void list.setQuery({ q, archived });
  };
  return html`<div class="head">
      ${heading(host.headingLevel, msg('Familles'))}
      <button id="new-household" class="primary" type="button" @click=${() => host.startCreate()}>
        ${msg('Nouvelle famille')}
      </button>
    </div>
    <form class="toolbar" role="search" aria-label=${msg('Rechercher une famille')} @submit=${onSearch}>
      <div class="field">
        <label for="q">${msg('Nom, enfant ou e-mail')}</label>
        <input id="q" name="q" type="search" autocomplete="off" .value=${list.query.q} />
      </div>
      <div class="choice">
        <input type="checkbox" id="archived" name="archived" ?checked=${list.query.archived} />
        <label for="archived">${msg('Familles archivées')}</label>
      </div>
      <button type="submit">${msg('Rechercher')}</button>
    </form>
    ${list.total === null ? nothing : html`<p class="muted">${msg(str`${list.total} famille(s)`)}</p>`}
    ${renderTable(list, {
      caption: msg('Familles de la collectivité'),
      columns: columns(host),
      empty: list.query.q ? msg('Aucune famille ne correspond à cette recherche.') : msg("Aucune famille pour l'instant."),
      rowKey: (row) => row.id,
    })}`;
}
