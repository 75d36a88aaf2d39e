import type { adminBilling } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { euros } from './billing-texts.js';

type InvoiceSummary = adminBilling.InvoiceSummary;
type InvoiceDetail = adminBilling.InvoiceDetail;

/** What the agent asked: a reason, and the lines to credit (undefined: every line left, a full credit). */
export interface CreditRequest {
  reason: string;
  lines?: string[];
}

/**
 * The request of a credit form, or null when it lacks a reason or a line. Every line left
 * ticked is a full credit: it is sent without `lines`, as the full-credit call always was.
 */
export function creditRequest(form: HTMLFormElement, detail: InvoiceDetail): CreditRequest | null {
  const data = new FormData(form);
  const reason = (data.get('reason') as string | null)?.trim() ?? '';
  const chosen = data.getAll('line').map(String);
  const open = detail.lines.filter((line) => !line.credited);
  if (!reason || (open.length > 0 && chosen.length === 0)) return null;
  return chosen.length === open.length ? { reason } : { reason, lines: chosen };
}

/**
 * The form crediting an invoice (*avoir*): its lines not credited yet, all ticked (untick the
 * ones that stay billed for a partial credit), and the reason. Lines credited already are
 * counted, never offered again: each line is credited once at most.
 */
export function creditForm(input: {
  invoice: InvoiceSummary;
  detail: InvoiceDetail | null;
  busy: boolean;
  onSubmit: (form: HTMLFormElement) => void;
  onCancel: () => void;
}): TemplateResult {
  const { invoice, detail } = input;
  const fieldId = `reason-${invoice.id}`;
  if (!detail) return html`<p role="status">${msg('Chargement…')}</p>`;
  const open = detail.lines.filter((line) => !line.credited);
  const credited = detail.lines.length - open.length;
  return html`<form
    @submit=${(e: Event) => {
      e.preventDefault();
      input.onSubmit(e.target as HTMLFormElement);
    }}
  >
    <fieldset>
      <legend>${msg(str`Lignes de ${invoice.number} à créditer`)}</legend>
      ${open.map(
        (line) => html`<div class="choice">
          <input type="checkbox" name="line" value=${line.id} id="line-${line.id}" checked />
          <label for="line-${line.id}">${line.date ?? ''} ${line.label} — ${euros(line.totalCents)}</label>
        </div>`,
      )}
      ${credited > 0 ? html`<p class="muted">${msg(str`${credited} ligne(s) déjà créditée(s).`)}</p>` : nothing}
    </fieldset>
    ${
      invoice.status === 'paid'
        ? html`<p class="muted">${msg('Facture payée : l’avoir sera dû à la famille, que la mairie rembourse ou déduit d’une prochaine facture.')}</p>`
        : nothing
    }
    <label for=${fieldId}>${msg(str`Motif de l'avoir sur ${invoice.number}`)}</label>
    <input id=${fieldId} name="reason" required maxlength="500" />
    <div class="actions">
      <button class="primary" type="submit" ?disabled=${input.busy}>${msg("Émettre l'avoir")}</button>
      <button type="button" @click=${input.onCancel}>${msg('Annuler')}</button>
    </div>
  </form>`;
}
