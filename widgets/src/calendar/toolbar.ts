import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';

export type CalendarView = 'week' | 'month' | 'period';

export interface ToolbarModel {
  view: CalendarView;
  services: { id: string; name: string }[];
  serviceId: string;
  children: { id: string; firstName: string; lastName: string }[];
  childId: string;
  onService(id: string): void;
  onChild(id: string): void;
  onView(view: CalendarView): void;
  /** -1 for the previous weeks or month, 1 for the next, 0 for today's. */
  onTurn(direction: number): void;
}

const selected = (event: Event) => (event.target as HTMLSelectElement).value;

/** The service and child pickers ("Sélectionnez le service", "l'enfant"), the views, and the navigation. */
export function renderToolbar(model: ToolbarModel): TemplateResult {
  const nav =
    model.view === 'month'
      ? { prev: msg('Mois précédent'), next: msg('Mois suivant') }
      : { prev: msg('Semaines précédentes'), next: msg('Semaines suivantes') };
  const views: [CalendarView, string][] = [
    ['week', msg('Semaines')],
    ['month', msg('Mois')],
    ['period', msg('Période')],
  ];
  return html`<div class="toolbar" part="toolbar">
    <div class="pickers">
      <div class="field">
        <label for="service">${msg('Service')}</label>
        <select id="service" @change=${(e: Event) => model.onService(selected(e))}>
          ${model.services.map((s) => html`<option value=${s.id} ?selected=${s.id === model.serviceId}>${s.name}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="child">${msg('Enfant')}</label>
        <select id="child" @change=${(e: Event) => model.onChild(selected(e))}>
          ${model.children.map(
            (c) => html`<option value=${c.id} ?selected=${c.id === model.childId}>${c.firstName} ${c.lastName}</option>`,
          )}
        </select>
      </div>
    </div>
    <div class="views" role="group" aria-label=${msg('Affichage')}>
      ${views.map(
        ([view, label]) =>
          html`<button type="button" aria-pressed=${model.view === view ? 'true' : 'false'} @click=${() => model.onView(view)}>
            ${label}
          </button>`,
      )}
    </div>
    ${
      model.view === 'period'
        ? nothing
        : html`<div class="nav">
          <button type="button" aria-label=${nav.prev} @click=${() => model.onTurn(-1)}><span aria-hidden="true">‹</span></button>
          <button type="button" @click=${() => model.onTurn(0)}>${msg("Aujourd'hui")}</button>
          <button type="button" aria-label=${nav.next} @click=${() => model.onTurn(1)}><span aria-hidden="true">›</span></button>
        </div>`
    }
  </div>`;
}
