import type { adminKitchen } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, svg, type TemplateResult } from 'lit';

type Site = adminKitchen.MealCounts['sites'][number];

const WIDTH = 700;
const HEIGHT = 200;
const AXIS = 24;

function shortDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(document.documentElement.lang || 'fr', {
    weekday: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * A site's meals over the days as an SVG bar chart (hidden from screen readers) with the same
 * figures in a table they read; a final count is drawn solid, one that may still change hatched
 * lighter.
 */
export function mealChart(site: Site): TemplateResult {
  const max = Math.max(1, ...site.days.map((d) => d.total));
  const step = (WIDTH - AXIS) / Math.max(1, site.days.length);
  const bar = Math.max(4, step * 0.7);
  return html`<figure class="chart">
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT + 30}" role="img" aria-hidden="true" focusable="false">
      ${site.days.map((day, i) => {
        const h = (day.total / max) * (HEIGHT - 16);
        const x = AXIS + i * step;
        return svg`<g>
          <rect x=${x} y=${HEIGHT - h} width=${bar} height=${h} class=${day.final ? 'final' : 'open'}></rect>
          <text x=${x + bar / 2} y=${HEIGHT - h - 3} text-anchor="middle" class="value">${day.total}</text>
          <text x=${x + bar / 2} y=${HEIGHT + 16} text-anchor="middle" class="day">${shortDate(day.date)}</text>
        </g>`;
      })}
      <line x1=${AXIS - 4} y1=${HEIGHT} x2=${WIDTH} y2=${HEIGHT} class="axis"></line>
    </svg>
    <figcaption>${msg(str`Repas par jour — ${site.name}. Barres pleines : effectif définitif.`)}</figcaption>
  </figure>
  <table class="data">
    <caption>${msg(str`Repas par jour — ${site.name}`)}</caption>
    <thead>
      <tr><th scope="col">${msg('Jour')}</th><th scope="col">${msg('Repas')}</th><th scope="col">${msg('Effectif')}</th></tr>
    </thead>
    <tbody>
      ${site.days.map(
        (day) =>
          html`<tr>
            <th scope="row">${day.date}</th>
            <td>${day.total}</td>
            <td>${day.final ? msg('définitif') : msg('peut encore changer')}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
