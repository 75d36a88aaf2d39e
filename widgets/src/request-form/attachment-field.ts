import { FoyerError } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { errorMessage } from '../shared/errors.js';
import { requiredMark } from '../shared/form-fields.js';
import { fileSize } from './request-text.js';
import type { Upload } from './uploads.js';

/** What the API accepts, judged by content; `accept` only helps the file picker. */
const ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

/** Why the API refused a document, in the page's language. */
export function uploadError(error: unknown): string {
  if (error instanceof FoyerError) {
    switch (error.code) {
      case 'unsupported_file_type':
        return msg("Ce fichier n'est pas un PDF, une image JPEG ou PNG : choisissez-en un autre.");
      case 'file_too_large':
        return msg(str`Ce fichier est trop volumineux. (${error.message})`);
      case 'empty_file':
        return msg('Ce fichier est vide.');
      case 'too_many_pending_attachments':
        return msg('Trop de documents attendent d’être envoyés avec une demande : envoyez votre demande ou retirez-en.');
    }
  }
  return errorMessage(error);
}

export interface AttachmentFieldModel {
  /** The file input's id and the prefix of its hint, status and error ids. */
  id: string;
  label: string;
  required: boolean;
  upload: Upload | undefined;
  /** A problem found before sending (a required document missing). */
  error: string | undefined;
  choose(file: File): void;
  remove(): void;
}

/**
 * A labelled file input; the chosen document uploads at once, with an indeterminate progress
 * bar until the API has it ("envoyé"), its refusal tied to the input.
 */
export function renderAttachmentField(model: AttachmentFieldModel): TemplateResult {
  const { id, upload } = model;
  const error = model.error ?? (upload?.state === 'error' ? uploadError(upload.error) : undefined);
  const onChange = (event: Event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) model.choose(file);
  };
  const onRemove = (event: Event) => {
    const input = (event.target as HTMLElement).closest('.attachment')?.querySelector('input');
    if (input) {
      input.value = '';
      input.focus();
    }
    model.remove();
  };
  return html`<div class="field attachment" part="attachment">
    <label for=${id}
      >${model.label}${model.required ? requiredMark : nothing}<span class="hint" id="${id}-hint"
        >${msg('Formats acceptés : PDF, JPEG ou PNG.')}</span
      ></label
    >
    <input
      type="file"
      id=${id}
      accept=${ACCEPT}
      ?required=${model.required}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby="${id}-hint ${id}-status${error ? ` ${id}-error` : ''}"
      @change=${onChange}
    />
    <div class="upload-status" id="${id}-status" role="status">
      ${
        upload?.state === 'uploading'
          ? html`<progress part="progress" aria-label=${msg(str`Envoi de ${upload.file.name}`)}></progress>
            <span>${msg(str`Envoi de « ${upload.file.name} » en cours…`)}</span>`
          : upload?.state === 'done' && upload.attachment
            ? html`<span class="done"
                ><span aria-hidden="true">✓</span>
                ${msg(str`« ${upload.attachment.filename} » (${fileSize(upload.attachment.sizeBytes)}) est joint.`)}</span
              >`
            : nothing
      }
    </div>
    ${
      upload && upload.state !== 'uploading'
        ? html`<button type="button" class="link" @click=${onRemove}>
          ${msg('Retirer')}<span class="visually-hidden"> ${upload.file.name}</span>
        </button>`
        : nothing
    }
    ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
  </div>`;
}
