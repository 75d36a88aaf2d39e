import type { AbsenceReason } from '@foyer/sdk/contract';
import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';

/** The booked day a parent is cancelling, while the calendar asks why. */
export interface AbsenceAsked {
  key: string;
  activityId: string;
  date: string;
  /** "Cantine, lundi 7 décembre (Alvaro)". */
  what: string;
  /** Past the activity's cancellation deadline (the API's `canReportAbsence`): left to agents. */
  late: boolean;
  /** The reason ticked so far. */
  reason: AbsenceReason | null;
}

export interface AbsenceDialogHandlers {
  onReason: (reason: AbsenceReason) => void;
  onSubmit: (event: SubmitEvent) => void;
  onClose: () => void;
}

/** The reasons, in the order offered, with their French text. */
function reasons(): { value: AbsenceReason; text: string }[] {
  return [
    { value: 'sick', text: msg('Malade') },
    { value: 'family', text: msg('Raison familiale') },
    { value: 'other', text: msg('Autre raison') },
  ];
}

/**
 * Asks why the child will be absent, and says what happens: in time, the day is cancelled once
 * the cart is validated; late (the same morning), the absence is recorded and agents decide.
 * A sick child's absence can then be justified by a certificate, through a request.
 */
export function renderAbsenceDialog(asked: AbsenceAsked | null, on: AbsenceDialogHandlers): TemplateResult {
  return html`<dialog id="absence" aria-labelledby="absence-title" @close=${on.onClose}>
    ${
      asked
        ? html`<form method="dialog" @submit=${on.onSubmit}>
          <h2 id="absence-title">${msg('Signaler une absence')}</h2>
          <p>${asked.what}</p>
          <p class="timing ${asked.late ? 'late' : 'in-time'}">
            ${
              asked.late
                ? msg(
                    "Hors délai : la date limite d'annulation est passée. L'absence est transmise aux agents, qui décident si le jour est facturé.",
                  )
                : msg('Dans les délais : le jour sera annulé à la validation du panier, sans frais.')
            }
          </p>
          <fieldset>
            <legend>${msg('Pourquoi cette absence ?')}</legend>
            ${reasons().map(
              (r) => html`<label class="choice">
                <input
                  type="radio"
                  name="absence"
                  value=${r.value}
                  required
                  .checked=${asked.reason === r.value}
                  @change=${() => on.onReason(r.value)}
                />
                ${r.text}
              </label>`,
            )}
          </fieldset>
          ${
            asked.reason === 'sick'
              ? html`<p class="hint">
                ${msg("Vous pourrez justifier l'absence par un certificat médical : envoyez-le avec une demande à la mairie.")}
              </p>`
              : nothing
          }
          <div class="actions">
            <button type="submit" class="primary">${asked.late ? msg("Signaler l'absence") : msg("Ajouter l'annulation au panier")}</button>
            <button type="button" class="secondary" @click=${on.onClose}>${msg('Retour')}</button>
          </div>
        </form>`
        : nothing
    }
  </dialog>`;
}
