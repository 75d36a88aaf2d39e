import { adminKitchen } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { todayIn } from '../../shared/dates.js';
import { errorMessage } from '../../shared/errors.js';
import { formStyles } from '../../shared/form-fields.js';
import { heading } from '../../shared/heading.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { agentMemberships } from '../shared/roles.js';
import { tableStyles } from '../shared/table.js';
import { DietGroupsEditor, renderDietGroups } from './diet-groups.js';
import { mealChart } from './meal-chart.js';

/**
 * **Cuisine**: the meals to cook per site for the next two weeks (a bar chart per site with its
 * table for screen readers), split by the town's diet groups, with when each count becomes
 * final; a day's sheet to print for the kitchen (counts and the children with a diet or
 * allergies); and the town's diet groups, which admins define, rename, order and delete.
 *
 * @summary The back office's meal counts and printable day sheet.
 * @tagname foyer-admin-kitchen
 */
export class FoyerAdminKitchen extends FoyerAdminElement {
  static override styles = [
    baseStyles,
    formStyles,
    tableStyles,
    adminStyles,
    css`
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
      figure.chart { margin: 0.5rem 0; }
      figure.chart svg { width: 100%; max-width: 700px; height: auto; }
      rect.final { fill: #1d4f91; }
      rect.open { fill: #8fb0dc; }
      text.value, text.day { font-size: 11px; fill: #1a1a1a; }
      line.axis { stroke: #1a1a1a; }
      table.data caption { text-align: start; font-weight: 600; }
      .sheet { border: 1px solid #d0d0d0; padding: 1rem; margin-top: 1rem; }
      @media print {
        .no-print, figure.chart, table.data { display: none !important; }
        .sheet { border: none; padding: 0; }
        .sheet section { break-inside: avoid; }
      }
    `,
  ];

  /** The first day of the counts and of the sheet; today in the collectivity's time zone unless set. */
  @property() accessor date = '';

  /** @internal */
  @state() accessor counts: adminKitchen.MealCounts | null = null;
  /** @internal */
  @state() accessor sheet: adminKitchen.DaySheet | null = null;
  /** @internal */
  @state() accessor error: unknown = null;
  /** @internal */
  readonly dietGroups = new DietGroupsEditor(this, {
    admin: () => this.admin,
    callOptions: () => this.callOptions,
    canEdit: () => {
      const store = this.store;
      const role = agentMemberships(store?.me ?? null).find((m) => m.collectivity.slug === store?.collectivity)?.role;
      return role !== undefined && (adminKitchen.createDietGroup.roles ?? []).includes(role);
    },
    changed: () => void this.#load(),
  });

  protected override load(): void {
    this.date ||= todayIn(this.store?.timeZone ?? 'Europe/Paris');
    void this.#load();
    void this.dietGroups.load();
  }

  async #load(): Promise<void> {
    const admin = this.admin;
    if (!admin || !this.date) return;
    try {
      const [counts, sheet] = await Promise.all([
        admin.kitchen.mealCounts({ from: this.date }, this.callOptions),
        admin.kitchen.daySheet({ date: this.date }, this.callOptions),
      ]);
      this.counts = counts;
      this.sheet = sheet;
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  #groupName(groups: adminKitchen.DaySheet['dietGroups'], id: string | null): string {
    return id === null ? msg('Sans régime particulier') : (groups.find((g) => g.id === id)?.name ?? '');
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    const level = this.headingLevel + 1;
    return html`${heading(this.headingLevel, msg('Cuisine'))}
      ${this.error ? html`<p class="message error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      <div class="toolbar no-print">
        <div class="field">
          <label for="kitchen-date">${msg('À partir du')}</label>
          <input
            id="kitchen-date"
            type="date"
            .value=${this.date}
            @change=${(e: Event) => {
              this.date = (e.target as HTMLInputElement).value;
              void this.#load();
            }}
          />
        </div>
        <button class="primary" ?disabled=${!this.sheet} @click=${() => window.print()}>${msg('Imprimer la fiche du jour')}</button>
      </div>
      ${
        this.counts
          ? html`<div class="forecast">
            ${heading(level, msg('Prévisions sur deux semaines'))}
            ${this.counts.sites.map((site) => html`<section>${heading(level + 1, site.name)}${mealChart(site)}</section>`)}
          </div>`
          : html`<p class="muted">${msg('Chargement…')}</p>`
      }
      ${this.sheet ? this.#sheet(this.sheet, level) : nothing}
      ${renderDietGroups(this.dietGroups, level)}`;
  }

  #sheet(sheet: adminKitchen.DaySheet, level: number): TemplateResult {
    return html`<div class="sheet">
      ${heading(level, msg(str`Fiche cuisine du ${sheet.date}`))}
      ${sheet.sites.map(
        (site) => html`<section>
          ${heading(level + 1, msg(str`${site.name} : ${site.day.total} repas`))}
          <p>
            ${
              site.day.final
                ? msg('Effectif définitif.')
                : msg(
                    str`Peut encore changer jusqu'au ${new Date(site.day.finalAt).toLocaleString(document.documentElement.lang || 'fr')}.`,
                  )
            }
          </p>
          <table>
            <caption class="visually-hidden">${msg(str`Repas par régime — ${site.name}`)}</caption>
            <thead><tr><th scope="col">${msg('Régime')}</th><th scope="col">${msg('Repas')}</th></tr></thead>
            <tbody>
              ${site.day.byGroup.map(
                (g) => html`<tr><th scope="row">${this.#groupName(sheet.dietGroups, g.dietGroupId)}</th><td>${g.count}</td></tr>`,
              )}
            </tbody>
          </table>
          ${
            site.particular.length > 0
              ? html`<table>
                <caption>${msg('Enfants au repas particulier')}</caption>
                <thead>
                  <tr><th scope="col">${msg('Enfant')}</th><th scope="col">${msg('Régime')}</th><th scope="col">${msg('Allergies')}</th></tr>
                </thead>
                <tbody>
                  ${site.particular.map(
                    (p) => html`<tr>
                      <th scope="row">${p.child.lastName} ${p.child.firstName}</th>
                      <td>${p.dietGroupId ? this.#groupName(sheet.dietGroups, p.dietGroupId) : '—'}</td>
                      <td>${p.allergies.join(', ') || '—'}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
              : nothing
          }
        </section>`,
      )}
    </div>`;
  }
}
