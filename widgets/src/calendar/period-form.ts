import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { weekdayName } from '../shared/format.js';

export interface PeriodFormModel {
  activities: { id: string; name: string; site: string }[];
  from: string;
  to: string;
  /** Other children enrolled in the service: offer to book the same period for them. */
  hasSiblings: boolean;
  busy: boolean;
  onSubmit(event: SubmitEvent): void;
}

/** "Vue période": book an activity from one date to another, on chosen weekdays. */
export function renderPeriodForm(model: PeriodFormModel): TemplateResult {
  if (model.activities.length === 0)
    return html`<p class="message">${msg('Aucune activité pour cet enfant dans ce service.')}</p>`;
  const single = model.activities.length === 1 ? model.activities[0] : undefined;
  return html`<form class="period" part="period-form" novalidate @submit=${model.onSubmit} aria-labelledby="period-title">
    <h3 id="period-title">${msg('Réserver sur une période')}</h3>
    ${
      single
        ? html`<input type="hidden" name="activity" .value=${single.id} />
          <p>${msg('Activité :')} <strong>${single.name}</strong> <span class="hint">${single.site}</span></p>`
        : html`<div class="field">
          <label for="period-activity">${msg('Activité')}</label>
          <select id="period-activity" name="activity">
            ${model.activities.map((a) => html`<option value=${a.id}>${a.name} — ${a.site}</option>`)}
          </select>
        </div>`
    }
    <div class="period-dates">
      <div class="field">
        <label for="period-from">${msg('Du')}</label>
        <input id="period-from" name="from" type="date" required .value=${model.from} />
      </div>
      <div class="field">
        <label for="period-to">${msg('Au')}</label>
        <input id="period-to" name="to" type="date" required .value=${model.to} />
      </div>
    </div>
    <fieldset class="field weekdays">
      <legend>${msg('Jours de la semaine')}</legend>
      ${[1, 2, 3, 4, 5].map(
        (wd) => html`<label class="check"><input type="checkbox" name="weekday" value=${wd} checked />${weekdayName(wd)}</label>`,
      )}
    </fieldset>
    ${
      model.hasSiblings
        ? html`<label class="check field"><input type="checkbox" name="allChildren" />${msg('Les mêmes jours pour tous mes enfants inscrits')}</label>`
        : nothing
    }
    <div class="actions">
      <button class="primary" type="submit" ?disabled=${model.busy}>${msg('Ajouter la période au panier')}</button>
    </div>
  </form>`;
}
