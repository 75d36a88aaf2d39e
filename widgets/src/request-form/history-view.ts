import type { attachments, requests } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { errorMessage } from '../shared/errors.js';
import { type FieldErrors, textareaField } from '../shared/form-fields.js';
import { instant } from '../shared/format.js';
import { heading } from '../shared/heading.js';
import type { Child } from '../shared/store.js';
import { renderAttachmentField } from './attachment-field.js';
import type { OpenRequest, RequestHistory } from './request-history.js';
import { answerText, fileSize, isDecided, statusText } from './request-text.js';
import type { Uploads } from './uploads.js';

export interface HistoryView {
  history: RequestHistory;
  categories: requests.RequestCategory[];
  children: Child[];
  /** The level of each request's heading. */
  level: number;
  timeZone: string;
  replyUploads: Uploads;
  /** Errors of the reply forms, by request id. */
  replyErrors: Record<string, FieldErrors>;
  reply(id: string, form: HTMLFormElement): void;
  download(attachment: attachments.Attachment): void;
}

/** "Historique des demandes": each request with its status, opening on its answers, documents and thread. */
export function renderHistory(view: HistoryView): TemplateResult {
  const { history } = view;
  if (history.state === 'error' && history.items.length === 0) {
    return html`<p class="message error" role="alert">${errorMessage(history.error)}</p>
      <button type="button" @click=${() => history.reload()}>${msg('Réessayer')}</button>`;
  }
  if (history.state !== 'ready' && history.items.length === 0) {
    return html`<p class="muted" role="status">${msg('Chargement de vos demandes…')}</p>`;
  }
  if (history.items.length === 0) {
    return html`<p class="empty">${msg("Vous n'avez encore envoyé aucune demande.")}</p>`;
  }
  return html`<div class="history-actions">
      <button type="button" class="link" @click=${() => history.reload()}>${msg('Actualiser')}</button>
      <span class="muted" role="status">${history.state === 'loading' ? msg('Actualisation…') : ''}</span>
    </div>
    <ul class="requests">
      ${history.items.map((request) => renderRequest(view, request, history.open.get(request.id)))}
    </ul>
    ${history.error && history.items.length > 0 ? html`<p class="message error" role="alert">${errorMessage(history.error)}</p>` : nothing}
    ${
      history.nextCursor
        ? html`<button type="button" ?disabled=${history.more} @click=${() => history.loadMore()}>
          ${history.more ? msg('Chargement…') : msg('Voir les demandes plus anciennes')}
        </button>`
        : nothing
    }`;
}

function renderRequest(view: HistoryView, request: requests.RequestSummary, open: OpenRequest | undefined): TemplateResult {
  const id = `request-${request.id}`;
  const sent = instant(request.createdAt, view.timeZone);
  return html`<li class="request" part="request">
    ${heading(view.level, request.category.title, `${id}-title`)}
    <p class="meta">
      ${request.child ? html`${request.child.firstName} ${request.child.lastName} · ` : nothing}${msg(str`Envoyée le ${sent}`)}
    </p>
    <p>
      <span class="visually-hidden">${msg('Statut :')}</span>
      <span class="status ${request.status}" part="status">${statusText(request.status)}</span>
    </p>
    <button
      type="button"
      class="link"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls="${id}-detail"
      aria-describedby="${id}-title"
      @click=${() => view.history.toggle(request.id)}
    >
      ${open ? msg('Masquer le détail') : msg('Voir le détail')}
    </button>
    <div class="detail" id="${id}-detail" ?hidden=${!open}>${open ? renderDetail(view, request, open) : nothing}</div>
  </li>`;
}

function renderDetail(view: HistoryView, request: requests.RequestSummary, open: OpenRequest): TemplateResult {
  const detail = open.detail;
  if (!detail) {
    return open.state === 'error'
      ? html`<p class="message error" role="alert">${errorMessage(open.error)}</p>`
      : html`<p class="muted" role="status">${msg('Chargement de la demande…')}</p>`;
  }
  const fields = view.categories.find((c) => c.id === request.category.id)?.fields ?? [];
  const answers = Object.entries(detail.answers);
  return html`
    ${
      answers.length > 0
        ? html`<dl class="details">
          ${answers.map(([key, value]) => {
            const field = fields.find((f) => f.key === key);
            return html`<dt>${field?.label ?? key}</dt>
              <dd>${answerText(field, value, view.children)}</dd>`;
          })}
        </dl>`
        : nothing
    }
    ${detail.body ? html`<p class="body">${detail.body}</p>` : nothing}
    ${
      detail.attachments.length > 0
        ? html`<p class="label">${msg('Pièces jointes')}</p>
          <ul class="documents">
            ${detail.attachments.map(
              (a) => html`<li>
                <button type="button" class="link" @click=${() => view.download(a)}>
                  ${msg('Télécharger')}<span class="visually-hidden"> ${a.filename}</span>
                </button>
                <span aria-hidden="true">${a.filename}</span> (${fileSize(a.sizeBytes)})
              </li>`,
            )}
          </ul>`
        : nothing
    }
    ${
      detail.decidedAt
        ? html`<p class="message ${detail.status === 'accepted' ? 'success' : 'error'}">
          <strong>${statusText(detail.status)}</strong> — ${instant(detail.decidedAt, view.timeZone)}${
            detail.decisionReason ? html`<br />${detail.decisionReason}` : nothing
          }
        </p>`
        : nothing
    }
    ${
      detail.messages.length > 0
        ? html`<p class="label">${msg('Échanges avec le service')}</p>
          <ol class="thread" part="thread">
            ${detail.messages.map(
              (m) => html`<li class=${m.authorKind}>
                <p class="meta">
                  <strong>${m.authorKind === 'parent' ? (m.authorName ?? msg('Vous')) : (m.authorName ?? msg('Le service'))}</strong>,
                  ${instant(m.createdAt, view.timeZone)}
                </p>
                <p class="body">${m.body}</p>
              </li>`,
            )}
          </ol>`
        : nothing
    }
    ${isDecided(detail.status) ? nothing : renderReply(view, detail, open)}
  `;
}

function renderReply(view: HistoryView, detail: requests.RequestDetail, open: OpenRequest): TemplateResult {
  const id = `reply-${detail.id}`;
  const errors = view.replyErrors[detail.id] ?? {};
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    view.reply(detail.id, event.target as HTMLFormElement);
  };
  return html`<form class="reply" novalidate @submit=${onSubmit} aria-label=${msg('Répondre au service')}>
    ${
      detail.status === 'needs_info'
        ? html`<p class="message">${msg('Le service vous demande des informations complémentaires : répondez-lui ici.')}</p>`
        : nothing
    }
    ${open.replyError ? html`<p class="message error" role="alert" tabindex="-1">${errorMessage(open.replyError)}</p>` : nothing}
    ${textareaField('reply', msg('Votre réponse'), errors, { id, required: true, maxlength: 5000 })}
    ${renderAttachmentField({
      id: `${id}-file`,
      label: msg('Joindre un document (facultatif)'),
      required: false,
      upload: view.replyUploads.get(detail.id),
      error: errors.file,
      choose: (file) => void view.replyUploads.upload(detail.id, file, undefined),
      remove: () => view.replyUploads.remove(detail.id),
    })}
    <div class="actions">
      <button type="submit" ?disabled=${open.replying}>${open.replying ? msg('Envoi…') : msg('Envoyer la réponse')}</button>
    </div>
  </form>`;
}
