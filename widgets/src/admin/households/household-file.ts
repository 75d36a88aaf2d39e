import type { adminCatalog, adminFamilies } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { errorMessage } from '../../shared/errors.js';
import { inputField, textareaField } from '../../shared/form-fields.js';
import { instant, longDate } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';
import { adminForm } from '../shared/form-render.js';
import type { FormState } from '../shared/form-state.js';
import { renderChildren } from './household-children.js';

export type HouseholdFile = adminFamilies.HouseholdFile;

/** What the household's file needs from the element showing it. */
export interface FileHost {
  readonly headingLevel: number;
  readonly renderRoot: ParentNode;
  readonly file: HouseholdFile | null;
  readonly fileState: 'loading' | 'ready' | 'error';
  readonly fileError: unknown;
  readonly activities: adminCatalog.AdminActivity[];
  /** The town's diet groups, for the children's « Régime à la cantine ». */
  readonly dietGroups: readonly { id: string; name: string }[];
  /** The last change that worked, announced. */
  readonly notice: string;
  readonly forms: Record<'details' | 'guardian' | 'child' | 'quotient' | 'note' | 'anonymise', FormState>;
  /** The enrolment form of one child (each child has its own). */
  enrolmentForm(childId: string): FormState;
  /** The edit form of one child (each child has its own). */
  childForm(childId: string): FormState;
  editChild(childId: string, form: HTMLFormElement): void;
  /** The diet group form of one child (each child has its own). */
  dietForm(childId: string): FormState;
  setChildDiet(childId: string, form: HTMLFormElement): void;
  backToList(): void;
  addGuardian(form: HTMLFormElement): void;
  resendInvitation(guardianId: string): void;
  addChild(form: HTMLFormElement): void;
  editDetails(form: HTMLFormElement): void;
  enrol(form: HTMLFormElement): void;
  endEnrolment(enrolmentId: string): void;
  setQuotient(form: HTMLFormElement): void;
  addNote(form: HTMLFormElement): void;
  /** Asks to confirm the erasure in a dialog, with the reason typed in `form`. */
  askAnonymise(form: HTMLFormElement): void;
  /** The dialog's answer: erase (true) or keep (false). */
  confirmAnonymise(confirmed: boolean): void;
}

function accountLabel(g: adminFamilies.AdminGuardian): string {
  if (g.account === 'active') return msg('compte actif');
  if (g.account === 'invited')
    return g.invitationExpiresAt ? msg(str`invité (jusqu'au ${instant(g.invitationExpiresAt)})`) : msg('invité');
  return msg('sans compte');
}

function renderGuardians(host: FileHost, file: HouseholdFile): TemplateResult {
  const level = host.headingLevel + 1;
  return html`<section aria-labelledby="guardians-title">
    ${heading(level, msg('Responsables'), 'guardians-title')}
    <ul class="cards">
      ${file.guardians.map(
        (g) => html`<li class="card">
          <strong>${g.firstName} ${g.lastName}</strong>${g.relationship ? ` (${g.relationship})` : nothing}
          <span class="badge">${accountLabel(g)}</span>
          <div>${[g.email, g.phone].filter(Boolean).join(' · ') || msg('Ni e-mail ni téléphone')}</div>
          ${
            g.account !== 'active' && g.email
              ? html`<button type="button" @click=${() => host.resendInvitation(g.id)}>
                  ${g.account === 'invited' ? msg("Renvoyer l'invitation") : msg('Inviter à créer son compte')}
                  <span class="visually-hidden">${g.firstName} ${g.lastName}</span>
                </button>`
              : nothing
          }
        </li>`,
      )}
    </ul>
    <details>
      <summary>${msg('Ajouter un responsable')}</summary>
      ${adminForm(
        host.forms.guardian,
        host.renderRoot,
        {
          id: 'guardian-form',
          label: msg('Ajouter un responsable'),
          submit: msg('Ajouter le responsable'),
          onSubmit: (f) => host.addGuardian(f),
        },
        html`<div class="row">
            ${inputField('firstName', msg('Prénom'), host.forms.guardian.errors, { id: 'g-firstName', required: true })}
            ${inputField('lastName', msg('Nom'), host.forms.guardian.errors, { id: 'g-lastName', required: true })}
            ${inputField('email', msg('Adresse e-mail'), host.forms.guardian.errors, { id: 'g-email', type: 'email' })}
            ${inputField('phone', msg('Téléphone'), host.forms.guardian.errors, { id: 'g-phone', type: 'tel' })}
            ${inputField('relationship', msg('Lien avec les enfants'), host.forms.guardian.errors, { id: 'g-relationship' })}
          </div>
          <div class="choice">
            <input type="checkbox" id="g-invite" name="invite" checked />
            <label for="g-invite">${msg("Envoyer l'invitation par e-mail")}</label>
          </div>`,
      )}
    </details>
  </section>`;
}

function renderQuotient(host: FileHost, file: HouseholdFile): TemplateResult {
  const level = host.headingLevel + 1;
  const errors = host.forms.quotient.errors;
  return html`<section aria-labelledby="quotient-title">
    ${heading(level, msg('Quotient familial'), 'quotient-title')}
    <p>
      ${file.familyQuotient === null ? msg("Aucun quotient : le plein tarif s'applique.") : msg(str`En vigueur : ${file.familyQuotient}`)}
    </p>
    ${
      file.quotients.length > 0
        ? html`<ul>
          ${file.quotients.map((q) => html`<li>${msg(str`${q.quotient} à partir du ${longDate(q.appliesFrom)}`)}</li>`)}
        </ul>`
        : nothing
    }
    <details>
      <summary>${msg('Enregistrer un quotient')}</summary>
      ${adminForm(
        host.forms.quotient,
        host.renderRoot,
        {
          id: 'quotient-form',
          label: msg('Enregistrer un quotient'),
          submit: msg('Enregistrer'),
          onSubmit: (f) => host.setQuotient(f),
        },
        html`<div class="row">
          ${inputField('quotient', msg('Quotient familial'), errors, { id: 'q-quotient', type: 'number', required: true, inputmode: 'numeric' })}
          ${inputField('appliesFrom', msg("S'applique à partir du"), errors, { id: 'q-appliesFrom', type: 'date', required: true })}
        </div>`,
      )}
    </details>
  </section>`;
}

function renderNotes(host: FileHost, file: HouseholdFile): TemplateResult {
  const level = host.headingLevel + 1;
  return html`<section aria-labelledby="notes-title">
    ${heading(level, msg('Notes'), 'notes-title')}
    ${
      file.notes.length > 0
        ? html`<ul class="cards">
          ${file.notes.map(
            (n) => html`<li class="card">
              <p>${n.body}</p>
              <p class="muted">${n.author ?? msg('Agent')} — ${instant(n.createdAt)}</p>
            </li>`,
          )}
        </ul>`
        : html`<p class="muted">${msg('Aucune note.')}</p>`
    }
    ${adminForm(
      host.forms.note,
      host.renderRoot,
      { id: 'note-form', label: msg('Ajouter une note'), submit: msg('Ajouter la note'), onSubmit: (f) => host.addNote(f) },
      textareaField('body', msg('Nouvelle note (visible des seuls agents)'), host.forms.note.errors, {
        id: 'n-body',
        required: true,
      }),
    )}
  </section>`;
}

/** Erasing the household's personal data on the family's request (GDPR), confirmed in a dialog. */
function renderErasure(host: FileHost): TemplateResult {
  const level = host.headingLevel + 1;
  return html`<section aria-labelledby="erasure-title">
    ${heading(level, msg('Anonymiser ce foyer'), 'erasure-title')}
    <details>
      <summary>${msg('Anonymiser…')}</summary>
      ${adminForm(
        host.forms.anonymise,
        host.renderRoot,
        {
          id: 'anonymise-form',
          label: msg('Anonymiser ce foyer'),
          submit: msg('Anonymiser…'),
          onSubmit: (f) => host.askAnonymise(f),
        },
        textareaField('reason', msg('Motif'), host.forms.anonymise.errors, {
          id: 'a-reason',
          required: true,
        }),
      )}
    </details>
    <dialog id="anonymise-dialog" aria-labelledby="anonymise-dialog-title" @cancel=${() => host.confirmAnonymise(false)}>
      <h2 id="anonymise-dialog-title">${msg('Anonymiser définitivement ce foyer ?')}</h2>
      <div class="actions">
        <button type="button" id="anonymise-cancel" @click=${() => host.confirmAnonymise(false)}>${msg('Annuler')}</button>
        <button type="button" class="danger" id="anonymise-confirm" @click=${() => host.confirmAnonymise(true)}>
          ${msg('Anonymiser')}
        </button>
      </div>
    </dialog>
  </section>`;
}

function renderDetails(file: HouseholdFile): TemplateResult {
  const address = file.address
    ? [file.address.line1, file.address.line2, `${file.address.postalCode} ${file.address.city}`].filter(Boolean).join(', ')
    : '—';
  return html`<dl class="details">
    <dt>${msg('Identifiant externe')}</dt>
    <dd>${file.externalId ?? '—'}</dd>
    <dt>${msg('Adresse')}</dt>
    <dd>${address}</dd>
    <dt>${msg('Téléphone')}</dt>
    <dd>${file.phone ?? '—'}</dd>
    <dt>${msg('Résidence')}</dt>
    <dd>${file.resident ? msg('Réside dans la commune') : msg('Hors commune')}</dd>
  </dl>`;
}

/** The household's details, editable: its name, phone, address and residence. */
function detailsForm(host: FileHost, file: HouseholdFile): TemplateResult {
  const errors = host.forms.details.errors;
  return html`<details>
    <summary>${msg('Modifier le foyer')}</summary>
    ${adminForm(
      host.forms.details,
      host.renderRoot,
      {
        id: 'details-form',
        label: msg('Modifier le foyer'),
        submit: msg('Enregistrer les modifications'),
        onSubmit: (f) => host.editDetails(f),
      },
      html`<div class="row">
          ${inputField('name', msg('Nom du foyer'), errors, { id: 'h-name', required: true, value: file.name })}
          ${inputField('phone', msg('Téléphone'), errors, { id: 'h-phone', type: 'tel', value: file.phone ?? '' })}
        </div>
        <div class="row">
          ${inputField('address.line1', msg('Adresse'), errors, { id: 'h-line1', value: file.address?.line1 ?? '' })}
          ${inputField('address.postalCode', msg('Code postal'), errors, { id: 'h-postal', inputmode: 'numeric', value: file.address?.postalCode ?? '' })}
          ${inputField('address.city', msg('Commune'), errors, { id: 'h-city', value: file.address?.city ?? '' })}
        </div>
        <div class="choice">
          <input type="checkbox" id="h-resident" name="resident" ?checked=${file.resident} />
          <label for="h-resident">${msg('Réside dans la commune')}</label>
        </div>`,
    )}
  </details>`;
}

/** One household's file: details, guardians, children and enrolments, quotient, notes. */
export function renderHouseholdFile(host: FileHost): TemplateResult {
  const back = html`<button type="button" class="link" id="back" @click=${() => host.backToList()}>
    ${msg('← Retour à la liste des familles')}
  </button>`;
  const file = host.file;
  if (!file) {
    return html`${back}
      ${
        host.fileState === 'error'
          ? html`<p class="message error" role="alert">${errorMessage(host.fileError)}</p>`
          : html`<p class="muted" role="status">${msg('Chargement de la famille…')}</p>`
      }`;
  }
  return html`${back}
    ${heading(host.headingLevel, file.archived ? msg(str`${file.name} (archivée)`) : file.name, 'file-title')}
    <p class=${host.notice ? 'message success' : 'visually-hidden'} role="status">${host.notice}</p>
    ${renderDetails(file)} ${detailsForm(host, file)} ${renderGuardians(host, file)} ${renderChildren(host, file)} ${renderQuotient(host, file)}
    <foyer-admin-mandate household-id=${file.id} heading-level=${host.headingLevel + 1}></foyer-admin-mandate>
    ${renderNotes(host, file)} ${renderErasure(host)}`;
}
