import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { addDays, addMonths, type LocalDate, lastOfMonth } from '../shared/dates.js';
import { isoWeek, shortDate } from '../shared/format.js';

export interface BulkModel {
  /** The Monday of the week "Répéter la semaine" repeats: the focused day's. */
  monday: LocalDate;
  /** Other children are enrolled in the service: offer "Mêmes jours pour tous mes enfants". */
  hasSiblings: boolean;
  busy: boolean;
  onSameDays(): void;
  onRepeat(event: SubmitEvent): void;
}

/** Actions on several days or children at once, so that parents do not repeat themselves. */
export function renderBulkActions(model: BulkModel): TemplateResult {
  const { monday } = model;
  return html`<div class="bulk" part="bulk">
    ${
      model.hasSiblings
        ? html`<button type="button" ?disabled=${model.busy} @click=${model.onSameDays}>${msg('Mêmes jours pour tous mes enfants')}</button>`
        : nothing
    }
    <form class="repeat" @submit=${model.onRepeat}>
      <label for="until">
        ${msg(str`Répéter la semaine ${isoWeek(monday)} (du ${shortDate(monday)} au ${shortDate(addDays(monday, 4))}) jusqu'au`)}
      </label>
      <div class="actions">
        <input id="until" name="until" type="date" min=${addDays(monday, 7)} .value=${lastOfMonth(addMonths(monday, 1))} />
        <button type="submit" ?disabled=${model.busy}>${msg('Répéter')}</button>
      </div>
    </form>
  </div>`;
}
