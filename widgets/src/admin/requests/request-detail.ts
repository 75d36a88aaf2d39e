import type { adminRequests, requests } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { selectField, textareaField } from '../../shared/form-fields.js';
import { instant } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';
import { adminForm } from '../shared/form-render.js';
import type { FormState } from '../shared/form-state.js';
import { statusLabel } from './request-status.js';

type Detail = adminRequests.AdminRequestDetail;
type Attachment = Detail['attachments'][number];

/** A document fetched for reading: its object URL, or why it could not be. */
export type Preview =
  | { state: 'loading' }
  | { state: 'ready'; url: string; contentType: string }
  | { state: 'error'; error: unknown };

/** The forms of a request's actions. */
export type ActionForm = 'assign' | 'reply' | 'needsInfo' | 'accept' | 'reject';

/** What the request's page needs from the element showing it. */
export interface DetailHost {
  readonly headingLevel: number;
  readonly renderRoot: ParentNode;
  readonly myAccountId: string | null;
  readonly assignees: readonly { id: string; name: string }[];
  /** The category's form, for the answers' labels. */
  fieldLabel(categoryId: string, key: string): string;
  form(name: ActionForm): FormState;
  preview(id: string): Preview | undefined;
  showAttachment(attachment: Attachment): void;
  backToList(): void;
  assignToMe(): void;
  submit(name: ActionForm, form: HTMLFormElement): void;
}

const EFFECTS: () => Record<NonNullable<requests.RequestEffect>, string> = () => ({
  address: msg('Accepter enregistre la nouvelle adresse dans le dossier du foyer.'),
  allergy: msg("Accepter ajoute les allergies (et le PAI) au dossier de l'enfant."),
  pickup: msg("Accepter ajoute la personne aux personnes autorisées à récupérer l'enfant."),
});

function kilobytes(bytes: number): string {
  return msg(str`${Math.max(1, Math.round(bytes / 1024))} ko`);
}

function renderPreview(attachment: Attachment, preview: Preview | undefined): TemplateResult | typeof nothing {
  if (!preview) return nothing;
  if (preview.state === 'loading') return html`<p class="muted" role="status">${msg('Chargement du document…')}</p>`;
  if (preview.state === 'error')
    return html`<p class="message error" role="alert">${msg('Ce document n’a pas pu être ouvert.')}</p>`;
  const download = html`<a href=${preview.url} download=${attachment.filename}>${msg(str`Télécharger ${attachment.filename}`)}</a>`;
  if (preview.contentType.startsWith('image/')) {
    return html`<figure class="preview">
      <img src=${preview.url} alt=${msg(str`Document : ${attachment.filename}`)} />
      <figcaption>${download}</figcaption>
    </figure>`;
  }
  return html`<figure class="preview">
    <object data=${preview.url} type="application/pdf" title=${attachment.filename}>
      <a href=${preview.url} target="_blank" rel="noopener">${msg(str`Ouvrir ${attachment.filename}`)}</a>
    </object>
    <figcaption>${download}</figcaption>
  </figure>`;
}

function renderAttachments(host: DetailHost, detail: Detail): TemplateResult {
  if (detail.attachments.length === 0) return html`<p class="muted">${msg('Aucun document joint.')}</p>`;
  return html`<ul class="attachments">
    ${detail.attachments.map((a) => {
      const preview = host.preview(a.id);
      return html`<li>
        <span>${a.filename} (${a.contentType === 'application/pdf' ? 'PDF' : msg('image')}, ${kilobytes(a.sizeBytes)})</span>
        ${
          preview?.state === 'ready'
            ? nothing
            : html`<button type="button" @click=${() => host.showAttachment(a)} ?disabled=${preview?.state === 'loading'}>
              ${msg('Afficher')}<span class="visually-hidden"> ${a.filename}</span>
            </button>`
        }
        ${renderPreview(a, host.preview(a.id))}
      </li>`;
    })}
  </ul>
  <p class="hint">${msg('Chaque consultation d’un document est inscrite au journal d’audit.')}</p>`;
}

function renderThread(detail: Detail): TemplateResult {
  if (detail.messages.length === 0) return html`<p class="muted">${msg('Aucun message pour l’instant.')}</p>`;
  return html`<ol class="thread">
    ${detail.messages.map(
      (m) => html`<li class=${m.authorKind}>
        <p class="meta">
          <strong>${m.authorKind === 'agent' ? msg(str`${m.authorName ?? msg('Agent')} (agent)`) : (m.authorName ?? msg('La famille'))}</strong>
          — ${instant(m.createdAt)}
        </p>
        <p class="body">${m.body}</p>
      </li>`,
    )}
  </ol>`;
}

/** An action whose form is one text (for the family), sent to `host.submit(name, …)`. */
function textForm(
  host: DetailHost,
  name: ActionForm,
  id: string,
  texts: { label: string; submit: string },
  field: { name: string; label: string; required?: boolean },
): TemplateResult {
  const state = host.form(name);
  return adminForm(
    state,
    host.renderRoot,
    { id: `${id}-form`, ...texts, onSubmit: (form) => host.submit(name, form) },
    textareaField(field.name, field.label, state.errors, { id: `${id}-${field.name}`, required: field.required }),
  );
}

function renderAssign(host: DetailHost, detail: Detail): TemplateResult {
  const mine = detail.assignedTo?.id === host.myAccountId;
  const others = host.assignees.filter((a) => a.id !== detail.assignedTo?.id);
  const state = host.form('assign');
  return html`${
    mine
      ? nothing
      : html`<div class="actions">
          <button type="button" id="assign-me" @click=${() => host.assignToMe()}>${msg("M'assigner la demande")}</button>
        </div>`
  }
  ${
    others.length > 0
      ? html`<details>
        <summary>${msg('Assigner à un autre agent')}</summary>
        ${adminForm(
          state,
          host.renderRoot,
          {
            id: 'assign-form',
            label: msg('Assigner la demande'),
            submit: msg('Assigner'),
            onSubmit: (form) => host.submit('assign', form),
          },
          selectField(
            'agentAccountId',
            msg('Agent'),
            state.errors,
            others.map((a): [string, string] => [a.id, a.name]),
            { id: 'assign-agent', required: true },
          ),
        )}
      </details>`
      : nothing
  }`;
}

function renderActions(host: DetailHost, detail: Detail): TemplateResult {
  const reply = textForm(
    host,
    'reply',
    'reply',
    { label: msg('Répondre à la famille'), submit: msg('Envoyer la réponse') },
    { name: 'body', label: msg('Votre réponse (la famille la lit)'), required: true },
  );
  if (detail.status === 'accepted' || detail.status === 'rejected') return reply;
  return html`${renderAssign(host, detail)} ${reply}
    <details>
      <summary>${msg('Demander des informations')}</summary>
      ${textForm(
        host,
        'needsInfo',
        'needs-info',
        { label: msg('Demander des informations à la famille'), submit: msg('Demander des informations') },
        { name: 'message', label: msg('Ce qui manque (la famille le lit)'), required: true },
      )}
    </details>
    <details>
      <summary>${msg('Accepter')}</summary>
      ${detail.category.effect ? html`<p class="hint">${EFFECTS()[detail.category.effect]}</p>` : nothing}
      ${textForm(
        host,
        'accept',
        'accept',
        { label: msg('Accepter la demande'), submit: msg('Accepter la demande') },
        { name: 'reason', label: msg('Message à la famille (facultatif)') },
      )}
    </details>
    <details>
      <summary>${msg('Refuser')}</summary>
      ${textForm(
        host,
        'reject',
        'reject',
        { label: msg('Refuser la demande'), submit: msg('Refuser la demande') },
        { name: 'reason', label: msg('Motif du refus (la famille le lit)'), required: true },
      )}
    </details>`;
}

/** A request: who and what, the family's answers and documents (read inline), the thread, and what the agent can do. */
export function renderRequestDetail(host: DetailHost, detail: Detail): TemplateResult {
  const level = host.headingLevel;
  const answers = Object.entries(detail.answers).filter(([key]) => key !== 'child');
  return html`<button type="button" class="link back" @click=${() => host.backToList()}>${msg('← Retour aux demandes')}</button>
    ${heading(level, `${detail.category.title} — ${detail.household.name}`, 'request-title')}
    <dl class="details">
      <dt>${msg('Statut')}</dt>
      <dd class="status">${statusLabel(detail.status)}</dd>
      <dt>${msg('Assignée à')}</dt>
      <dd>${detail.assignedTo?.name ?? msg('personne')}</dd>
      <dt>${msg('Reçue le')}</dt>
      <dd>${instant(detail.createdAt)}</dd>
      ${detail.child ? html`<dt>${msg('Enfant')}</dt><dd>${detail.child.firstName} ${detail.child.lastName}</dd>` : nothing}
      ${answers.map(([key, value]) => html`<dt>${host.fieldLabel(detail.category.id, key)}</dt><dd>${value}</dd>`)}
      ${detail.body ? html`<dt>${msg('Message')}</dt><dd>${detail.body}</dd>` : nothing}
      ${detail.decisionReason ? html`<dt>${msg('Motif de la décision')}</dt><dd>${detail.decisionReason}</dd>` : nothing}
    </dl>
    <section aria-labelledby="documents-title">
      ${heading(level + 1, msg('Documents'), 'documents-title')} ${renderAttachments(host, detail)}
    </section>
    <section aria-labelledby="thread-title">
      ${heading(level + 1, msg('Échanges'), 'thread-title')} ${renderThread(detail)}
    </section>
    <section aria-labelledby="actions-title">${heading(level + 1, msg('Traiter la demande'), 'actions-title')} ${renderActions(host, detail)}</section>`;
}
