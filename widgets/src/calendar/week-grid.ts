import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { addDays, type LocalDate } from '../shared/dates.js';
import { dayNumber, isoWeek, shortDate, weekdayName } from '../shared/format.js';
import type { GridContext } from './grid-context.js';
import { cellKey } from './grid-keys.js';

const WEEKDAYS = [1, 2, 3, 4, 5];

/** The Mondays of the weeks shown. */
export function weekMondays(from: LocalDate, weeks: number): LocalDate[] {
  return Array.from({ length: weeks }, (_, i) => addDays(from, 7 * i));
}

/** The keyboard model: one row per week and activity, Monday to Friday. */
export function weekRows(ctx: GridContext, from: LocalDate, weeks: number): string[][] {
  return weekMondays(from, weeks).flatMap((monday) =>
    ctx.activities.map((activity) => WEEKDAYS.map((wd) => cellKey(activity.id, addDays(monday, wd - 1)))),
  );
}

/**
 * The weekly forecast of the flyer ("Prévisions hebdomadaires"): a row per week, "Semaine 29
 * du 18/07 au 22/07", with the days' numbers under L M M J V, then a line per activity with
 * a mark per day.
 */
export function renderWeekGrid(ctx: GridContext, from: LocalDate, weeks: number): TemplateResult {
  return html`<table role="grid" class="grid week" part="grid" aria-labelledby="grid-caption" aria-busy=${ctx.loading ? 'true' : 'false'}>
    <caption id="grid-caption">${ctx.caption}</caption>
    <thead>
      <tr>
        <th scope="col" class="row-head">${msg('Semaines')}</th>
        ${WEEKDAYS.map(
          (wd) =>
            html`<th scope="col"><span aria-hidden="true">${weekdayName(wd, 'narrow')}</span><span class="visually-hidden">${weekdayName(wd)}</span></th>`,
        )}
      </tr>
    </thead>
    ${weekMondays(from, weeks).map((monday) => {
      const friday = addDays(monday, 4);
      return html`<tbody>
        <tr class="week-head">
          <th scope="row" class="row-head">
            ${msg(str`Semaine ${isoWeek(monday)}`)}
            <span class="range">${msg(str`du ${shortDate(monday)} au ${shortDate(friday)}`)}</span>
          </th>
          ${WEEKDAYS.map((wd) => html`<td class="day-number">${dayNumber(addDays(monday, wd - 1))}</td>`)}
        </tr>
        ${ctx.activities.map(
          (activity) => html`<tr>
            <th scope="row" class="row-head activity">${activity.name}</th>
            ${WEEKDAYS.map((wd) => html`<td>${ctx.renderCell(activity, addDays(monday, wd - 1), false)}</td>`)}
          </tr>`,
        )}
      </tbody>`;
    })}
  </table>`;
}
