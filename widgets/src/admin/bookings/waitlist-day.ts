import type { adminBookings } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { instant, longDate } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';

type WaitlistDay = adminBookings.WaitlistDay;
type WaitingEntry = WaitlistDay['waiting'][number];

/** What a waiting list's table needs from the element showing it. */
export interface WaitlistHost {
  readonly headingLevel: number;
  /** The entry an agent asked to promote on a full day: the screen asks to confirm going over capacity. */
  readonly confirmingOver: string | null;
  promote(day: WaitlistDay, entry: WaitingEntry, overCapacity: boolean): void;
  cancelOver(): void;
}

function placesLine(day: WaitlistDay): string {
  return day.capacity === null
    ? msg(str`${day.placesTaken} place(s) prise(s), sans limite`)
    : msg(str`${day.placesTaken} place(s) prise(s) sur ${day.capacity}`);
}

function renderWaiting(host: WaitlistHost, day: WaitlistDay, entry: WaitingEntry): TemplateResult {
  const who = `${entry.child.firstName} ${entry.child.lastName}`;
  const confirming = host.confirmingOver === entry.bookingId;
  return html`<tr>
    <td>${entry.position}</td>
    <th scope="row">${who}</th>
    <td>${entry.household.name}</td>
    <td>${instant(entry.waitlistedAt)}</td>
    <td>
      <div class="actions">
        ${
          confirming
            ? html`<button type="button" class="primary" @click=${() => host.promote(day, entry, true)}>
                  ${msg('Dépasser la capacité')}<span class="visually-hidden"> ${who}</span>
                </button>
                <button type="button" @click=${() => host.cancelOver()}>${msg('Annuler')}</button>`
            : html`<button type="button" @click=${() => host.promote(day, entry, false)}>
                ${msg('Donner une place')}<span class="visually-hidden"> — ${who}</span>
              </button>`
        }
      </div>
    </td>
  </tr>`;
}

/** An activity-day's waiting list: who waits in order, with a promotion button each, then who was promoted when and by whom. */
export function renderWaitlistDay(host: WaitlistHost, day: WaitlistDay): TemplateResult {
  const id = `wl-${day.activity.id}-${day.date}`;
  return html`<section class="card" aria-labelledby="${id}-title">
    ${heading(host.headingLevel + 1, `${day.activity.name} — ${longDate(day.date)}`, `${id}-title`)}
    <p>${placesLine(day)}</p>
    ${
      day.waiting.length > 0
        ? html`<table>
            <caption>${msg(str`Liste d'attente (${day.waiting.length})`)}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Rang')}</th>
                <th scope="col">${msg('Enfant')}</th>
                <th scope="col">${msg('Foyer')}</th>
                <th scope="col">${msg('En attente depuis')}</th>
                <th scope="col">${msg('Action')}</th>
              </tr>
            </thead>
            <tbody>
              ${day.waiting.map((entry) => renderWaiting(host, day, entry))}
            </tbody>
          </table>`
        : html`<p class="muted">${msg("Plus personne n'attend.")}</p>`
    }
    ${
      day.promoted.length > 0
        ? html`<table>
            <caption>${msg('Places données')}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Enfant')}</th>
                <th scope="col">${msg('Foyer')}</th>
                <th scope="col">${msg('Le')}</th>
                <th scope="col">${msg('Par')}</th>
              </tr>
            </thead>
            <tbody>
              ${day.promoted.map(
                (p) => html`<tr>
                  <th scope="row">${p.child.firstName} ${p.child.lastName}</th>
                  <td>${p.household.name}</td>
                  <td>${instant(p.promotedAt)}</td>
                  <td>${p.promotedBy ? p.promotedBy.name : msg('automatiquement (place libérée)')}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing
    }
  </section>`;
}
