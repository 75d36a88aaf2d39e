import { msg, str } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { errorMessage } from '../../shared/errors.js';
import type { PagedList, Sort } from './paged-list.js';

/** A column: its header, its cell, and the key the API sorts it by when it can. */
export interface Column<T> {
  key: string;
  label: string;
  cell: (row: T) => unknown;
  sortable?: boolean;
}

function ariaSort(sort: Sort | undefined, key: string): 'ascending' | 'descending' | 'none' {
  if (sort?.key !== key) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

/**
 * A table of the rows of a {@link PagedList}: sortable columns have a button in their header
 * (`aria-sort` says the order), a caption names the table, and the pager says which page this is.
 * Sorting asks the API again: the table never sorts a page on its own.
 */
export function renderTable<T, Q extends { sort?: Sort }>(
  list: PagedList<T, Q>,
  options: { caption: string; columns: Column<T>[]; empty: string; rowKey: (row: T) => string },
): TemplateResult {
  const sort = list.query.sort;
  const toggle = (key: string) =>
    list.setQuery({
      sort: { key, direction: sort?.key === key && sort.direction === 'asc' ? 'desc' : 'asc' },
    } as Partial<Q>);
  const busy = list.state === 'loading';
  return html`
    ${list.state === 'error' ? html`<p class="message error" role="alert">${errorMessage(list.error)}</p>` : nothing}
    <div class="table-wrap">
      <table aria-busy=${busy ? 'true' : 'false'}>
        <caption class="visually-hidden">${options.caption}</caption>
        <thead>
          <tr>
            ${options.columns.map((c) =>
              c.sortable
                ? html`<th scope="col" aria-sort=${ariaSort(sort, c.key)}>
                    <button type="button" class="sort" @click=${() => toggle(c.key)}>
                      ${c.label}<span aria-hidden="true">${sort?.key === c.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>`
                : html`<th scope="col">${c.label}</th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${
            list.items.length === 0 && list.state === 'ready'
              ? html`<tr><td colspan=${options.columns.length}>${options.empty}</td></tr>`
              : list.items.map(
                  (row) =>
                    html`<tr data-key=${options.rowKey(row)}>${options.columns.map((c) => html`<td>${c.cell(row)}</td>`)}</tr>`,
                )
          }
        </tbody>
      </table>
    </div>
    ${renderPager(list)}
  `;
}

/** "Précédent", the page's number, "Suivant", and a live status while a page loads. */
export function renderPager<T, Q extends object>(list: PagedList<T, Q>): TemplateResult {
  return html`<div class="pager">
    <button type="button" ?disabled=${!list.hasPrevious || list.state === 'loading'} @click=${() => list.previous()}>
      ${msg('Page précédente')}
    </button>
    <span role="status">${list.state === 'loading' ? msg('Chargement…') : msg(str`Page ${list.pageNumber}`)}</span>
    <button type="button" ?disabled=${!list.hasNext || list.state === 'loading'} @click=${() => list.next()}>
      ${msg('Page suivante')}
    </button>
  </div>`;
}

/** Tables that scroll sideways inside their box on narrow screens rather than widening the page. */
export const tableStyles = css`
  .table-wrap {
    overflow-x: auto;
    margin-bottom: calc(var(--_space) / 2);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  th {
    white-space: nowrap;
  }
  table[aria-busy='true'] tbody {
    opacity: 0.6;
  }
  button.sort {
    min-height: 2.75rem;
    padding: 0.25rem 0;
    border: 0;
    background: none;
    color: var(--_primary);
    font-weight: 700;
    text-decoration: underline;
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    margin-bottom: var(--_space);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.75rem;
    margin-bottom: var(--_space);
  }
  .toolbar .field {
    margin: 0;
  }
  td.amount,
  th.amount {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
`;
