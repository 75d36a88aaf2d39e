import type { adminJoinRequests } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { errorMessage } from '../shared/errors.js';
import { instant } from '../shared/format.js';
import { heading } from '../shared/heading.js';
import type { LoadState } from '../shared/store.js';

type JoinRequest = adminJoinRequests.JoinRequest;

function statusText(status: JoinRequest['status']): string {
  if (status === 'accepted') return msg('acceptée');
  if (status === 'refused') return msg('refusée');
  return msg('en attente');
}

/** « Mes demandes »: the account's requests to join other towns, newest first, with why one was refused. */
export function renderJoinRequestList(
  list: { requests: JoinRequest[]; state: LoadState; error: unknown },
  headingLevel: number,
): TemplateResult {
  const body =
    list.state === 'error'
      ? html`<p class="message error" role="alert">${errorMessage(list.error)}</p>`
      : list.state !== 'ready'
        ? html`<p class="muted" role="status">${msg('Chargement…')}</p>`
        : list.requests.length === 0
          ? html`<p class="muted">${msg("Vous n'avez demandé à adhérer à aucune autre commune.")}</p>`
          : html`<ul class="requests">
              ${list.requests.map(
                (r) => html`<li part="request" data-status=${r.status}>
                  <span class="town">${r.collectivity.name}</span>
                  <span class="status ${r.status}" part="status">${statusText(r.status)}</span>
                  <span class="hint">${msg(str`Demandée le ${instant(r.createdAt)}`)}</span>
                  ${
                    r.status === 'refused' && r.refusalReason
                      ? html`<span class="reason">${msg(str`Motif : ${r.refusalReason}`)}</span>`
                      : nothing
                  }
                </li>`,
              )}
            </ul>`;
  return html`<section aria-labelledby="mine-title">
    ${heading(headingLevel, msg('Mes demandes'), 'mine-title')} ${body}
  </section>`;
}
