import type { adminFamilies, adminJoinRequests } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { textareaField } from '../../shared/form-fields.js';
import { instant, longDate } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';
import { adminForm } from '../shared/form-render.js';
import type { FormState } from '../shared/form-state.js';

type JoinRequest = adminJoinRequests.JoinRequest;

/** What a request's card needs from the element showing it. */
export interface CardHost {
  readonly headingLevel: number;
  readonly renderRoot: ParentNode;
  refuseForm(id: string): FormState;
  /** Households found by the search of one request's "link" choice. */
  householdMatches(id: string): adminFamilies.HouseholdSummary[];
  searchHouseholds(id: string, q: string): void;
  accept(request: JoinRequest, householdId: string | undefined): void;
  refuse(request: JoinRequest, form: HTMLFormElement): void;
}

const STATUS = (): Record<JoinRequest['status'], string> => ({
  pending: msg('en attente'),
  accepted: msg('acceptée'),
  refused: msg('refusée'),
});

function renderDecision(host: CardHost, request: JoinRequest): TemplateResult {
  const p = `jr-${request.id}`;
  const onSearch = (event: SubmitEvent) => {
    event.preventDefault();
    const q = ((event.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement).value;
    host.searchHouseholds(request.id, q);
  };
  const matches = host.householdMatches(request.id);
  return html`<div class="actions">
      <button type="button" class="primary" @click=${() => host.accept(request, undefined)}>
        ${msg('Accepter en créant le foyer')}<span class="visually-hidden"> ${request.householdName}</span>
      </button>
    </div>
    <details>
      <summary>${msg('Accepter en rattachant un foyer existant')}</summary>
      <form class="toolbar" role="search" aria-label=${msg('Chercher le foyer à rattacher')} @submit=${onSearch}>
        <div class="field">
          <label for="${p}-q">${msg('Nom du foyer, enfant ou e-mail')}</label>
          <input id="${p}-q" name="q" type="search" .value=${request.lastName} />
        </div>
        <button type="submit">${msg('Chercher')}</button>
      </form>
      ${
        matches.length > 0
          ? html`<ul aria-label=${msg('Foyers trouvés')}>
            ${matches.map(
              (h) => html`<li>
                ${h.name} — ${h.children.map((c) => c.firstName).join(', ') || msg('sans enfant')}
                <button type="button" @click=${() => host.accept(request, h.id)}>
                  ${msg('Rattacher')}<span class="visually-hidden"> ${h.name}</span>
                </button>
              </li>`,
            )}
          </ul>`
          : nothing
      }
    </details>
    <details>
      <summary>${msg('Refuser')}</summary>
      ${adminForm(
        host.refuseForm(request.id),
        host.renderRoot,
        {
          id: `${p}-refuse`,
          label: msg('Refuser la demande'),
          submit: msg('Refuser la demande'),
          onSubmit: (f) => host.refuse(request, f),
        },
        textareaField('reason', msg('Motif du refus (la famille le lit)'), host.refuseForm(request.id).errors, {
          id: `${p}-reason`,
          required: true,
        }),
      )}
    </details>`;
}

/** One family's request to join the collectivity: who, their children, and the decision. */
export function renderJoinRequest(host: CardHost, request: JoinRequest): TemplateResult {
  return html`<li class="card">
    ${heading(host.headingLevel + 1, request.householdName, `jr-${request.id}-title`)}
    <p>
      <span class="badge">${STATUS()[request.status]}</span>
      ${msg(str`reçue le ${instant(request.createdAt)}`)}
    </p>
    <dl class="details">
      <dt>${msg('Demandeur')}</dt>
      <dd>${request.firstName} ${request.lastName} — ${request.email}${request.phone ? ` — ${request.phone}` : ''}</dd>
      <dt>${msg('Adresse')}</dt>
      <dd>${request.address ?? '—'}</dd>
      <dt>${msg('Enfants')}</dt>
      <dd>
        ${
          request.children.length > 0
            ? request.children.map((c) => msg(str`${c.firstName} ${c.lastName}, né(e) le ${longDate(c.birthDate)}`)).join(' ; ')
            : '—'
        }
      </dd>
      ${request.message ? html`<dt>${msg('Message')}</dt><dd>${request.message}</dd>` : nothing}
      ${request.refusalReason ? html`<dt>${msg('Motif du refus')}</dt><dd>${request.refusalReason}</dd>` : nothing}
    </dl>
    ${request.status === 'pending' ? renderDecision(host, request) : nothing}
  </li>`;
}
