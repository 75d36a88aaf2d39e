import { html, nothing, type TemplateResult } from 'lit';
import { addDays, firstOfMonth, type LocalDate, lastOfMonth, mondayOf } from '../shared/dates.js';
import { weekdayName } from '../shared/format.js';
import type { CalendarActivity, GridContext } from './grid-context.js';
import { cellKey } from './grid-keys.js';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** The Mondays of the rows of a month's grid. */
function monthMondays(month: LocalDate): LocalDate[] {
  const mondays: LocalDate[] = [];
  for (let d = mondayOf(firstOfMonth(month)); d <= lastOfMonth(month); d = addDays(d, 7)) mondays.push(d);
  return mondays;
}

/** The keyboard model: the month's days of one activity, a row per week. */
export function monthRows(month: LocalDate, activity: CalendarActivity): string[][] {
  const first = firstOfMonth(month);
  const last = lastOfMonth(month);
  return monthMondays(month).map((monday) =>
    WEEKDAYS.map((wd) => addDays(monday, wd - 1))
      .filter((d) => d >= first && d <= last)
      .map((d) => cellKey(activity.id, d)),
  );
}

/** A month of one activity, Monday to Sunday, as a date picker. */
export function renderMonthGrid(ctx: GridContext, month: LocalDate, activity: CalendarActivity): TemplateResult {
  const first = firstOfMonth(month);
  const last = lastOfMonth(month);
  return html`<table role="grid" class="grid month" part="grid" aria-labelledby="grid-caption" aria-busy=${ctx.loading ? 'true' : 'false'}>
    <caption id="grid-caption">${ctx.caption}</caption>
    <thead>
      <tr>
        ${WEEKDAYS.map(
          (wd) =>
            html`<th scope="col"><span aria-hidden="true">${weekdayName(wd, 'narrow')}</span><span class="visually-hidden">${weekdayName(wd)}</span></th>`,
        )}
      </tr>
    </thead>
    <tbody>
      ${monthMondays(month).map(
        (monday) => html`<tr>
          ${WEEKDAYS.map((wd) => {
            const date = addDays(monday, wd - 1);
            return html`<td>${date < first || date > last ? nothing : ctx.renderCell(activity, date, true)}</td>`;
          })}
        </tr>`,
      )}
    </tbody>
  </table>`;
}
