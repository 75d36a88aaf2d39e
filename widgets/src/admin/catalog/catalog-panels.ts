import type { adminCatalog } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { inputField, selectField } from '../../shared/form-fields.js';
import { price, weekdayName } from '../../shared/format.js';
import { adminForm } from '../shared/form-render.js';
import type { FormState } from '../shared/form-state.js';
import { activityFields } from './activity-form.js';
import { closureFields } from './closure-form.js';

export type CatalogKind = 'services' | 'sites' | 'activities' | 'closures';
type Service = adminCatalog.AdminService;
type Site = adminCatalog.AdminSite;
type Activity = adminCatalog.AdminActivity;
type Closure = adminCatalog.AdminClosure;

/** "01/09/2026": tables keep dates short. */
const numericDate = (date: string) => date.split('-').reverse().join('/');

/** What the catalog's panels need from the element showing them. */
export interface CatalogHost {
  readonly renderRoot: ParentNode;
  readonly services: Service[];
  readonly sites: Site[];
  readonly activities: Activity[];
  readonly closures: Closure[];
  readonly form: FormState;
  /** The item being edited, or `null` when the form creates one. */
  readonly editing: { kind: CatalogKind; id: string } | null;
  readonly includeArchived: boolean;
  showArchived(include: boolean): void;
  edit(kind: CatalogKind, id: string | null): void;
  save(kind: CatalogKind, form: HTMLFormElement): void;
  archive(kind: 'services' | 'sites' | 'activities', id: string, archived: boolean): void;
  removeClosure(id: string): void;
}

const SERVICE_KINDS = (): [string, string][] => [
  ['canteen', msg('restauration scolaire')],
  ['childcare', msg('accueil périscolaire')],
  ['leisure', msg('accueil de loisirs')],
  ['other', msg('autre')],
];
const SITE_KINDS = (): [string, string][] => [
  ['school', msg('école')],
  ['leisure_centre', msg('centre de loisirs')],
  ['other', msg('autre')],
];
const labelOf = (choices: [string, string][], key: string) => choices.find(([k]) => k === key)?.[1] ?? key;

function rowActions(
  host: CatalogHost,
  kind: 'services' | 'sites' | 'activities',
  item: { id: string; name: string; archived: boolean },
) {
  return html`<div class="actions">
    <button type="button" @click=${() => host.edit(kind, item.id)}>
      ${msg('Modifier')}<span class="visually-hidden"> ${item.name}</span>
    </button>
    <button type="button" @click=${() => host.archive(kind, item.id, !item.archived)}>
      ${item.archived ? msg('Réactiver') : msg('Archiver')}<span class="visually-hidden"> ${item.name}</span>
    </button>
  </div>`;
}

function table(caption: string, headers: string[], rows: TemplateResult[], empty: string): TemplateResult {
  return html`<div class="table-wrap">
    <table>
      <caption class="visually-hidden">${caption}</caption>
      <thead>
        <tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr>
      </thead>
      <tbody>
        ${rows.length > 0 ? rows : html`<tr><td colspan=${headers.length}>${empty}</td></tr>`}
      </tbody>
    </table>
  </div>`;
}

/** The form of a panel: "Nouveau…" or "Modifier…" with the item's values. */
function panelForm(host: CatalogHost, kind: CatalogKind, title: string, fields: TemplateResult): TemplateResult {
  const editing = host.editing?.kind === kind;
  return html`<details ?open=${editing} id="${kind}-details">
    <summary>${title}</summary>
    ${adminForm(host.form, host.renderRoot, { id: `${kind}-form`, label: title, submit: editing ? msg('Enregistrer les modifications') : msg('Créer'), onSubmit: (f) => host.save(kind, f) }, fields)}
    ${editing ? html`<button type="button" class="link" @click=${() => host.edit(kind, null)}>${msg('Annuler la modification')}</button>` : nothing}
  </details>`;
}

const editedOf = <T extends { id: string }>(host: CatalogHost, kind: CatalogKind, list: T[]) =>
  host.editing?.kind === kind ? list.find((item) => item.id === host.editing?.id) : undefined;

export function renderServices(host: CatalogHost): TemplateResult {
  const current = editedOf(host, 'services', host.services);
  const errors = host.form.errors;
  return html`${table(
    msg('Services'),
    [msg('Nom'), msg('Type'), msg('État'), msg('Actions')],
    host.services.map(
      (s) => html`<tr>
        <td>${s.name}</td>
        <td>${labelOf(SERVICE_KINDS(), s.kind)}</td>
        <td>${s.archived ? msg('archivé') : msg('actif')}</td>
        <td>${rowActions(host, 'services', s)}</td>
      </tr>`,
    ),
    msg('Aucun service.'),
  )}
  ${panelForm(
    host,
    'services',
    current ? msg(str`Modifier le service ${current.name}`) : msg('Nouveau service'),
    html`<div class="row">
      ${inputField('name', msg('Nom'), errors, { id: 's-name', required: true, value: current?.name ?? '' })}
      ${selectField('kind', msg('Type'), errors, SERVICE_KINDS(), { id: 's-kind', required: true, value: current?.kind ?? 'canteen' })}
      ${inputField('description', msg('Description'), errors, { id: 's-description', value: current?.description ?? '' })}
    </div>`,
  )}`;
}

export function renderSites(host: CatalogHost): TemplateResult {
  const current = editedOf(host, 'sites', host.sites);
  const errors = host.form.errors;
  return html`${table(
    msg('Sites'),
    [msg('Nom'), msg('Type'), msg('Adresse'), msg('État'), msg('Actions')],
    host.sites.map(
      (s) => html`<tr>
        <td>${s.name}</td>
        <td>${labelOf(SITE_KINDS(), s.kind)}</td>
        <td>${s.address ? `${s.address.line1}, ${s.address.postalCode} ${s.address.city}` : '—'}</td>
        <td>${s.archived ? msg('archivé') : msg('actif')}</td>
        <td>${rowActions(host, 'sites', s)}</td>
      </tr>`,
    ),
    msg('Aucun site.'),
  )}
  ${panelForm(
    host,
    'sites',
    current ? msg(str`Modifier le site ${current.name}`) : msg('Nouveau site'),
    html`<div class="row">
      ${inputField('name', msg('Nom'), errors, { id: 'si-name', required: true, value: current?.name ?? '' })}
      ${selectField('kind', msg('Type'), errors, SITE_KINDS(), { id: 'si-kind', required: true, value: current?.kind ?? 'school' })}
      ${inputField('address.line1', msg('Adresse'), errors, { id: 'si-line1', value: current?.address?.line1 ?? '' })}
      ${inputField('address.postalCode', msg('Code postal'), errors, { id: 'si-postal', inputmode: 'numeric', value: current?.address?.postalCode ?? '' })}
      ${inputField('address.city', msg('Commune'), errors, { id: 'si-city', value: current?.address?.city ?? '' })}
    </div>`,
  )}`;
}

export function renderActivities(host: CatalogHost): TemplateResult {
  const current = editedOf(host, 'activities', host.activities);
  const nameOf = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? '—';
  return html`${table(
    msg('Activités'),
    [msg('Activité'), msg('Service'), msg('Site'), msg('Jours'), msg('Saison'), msg('Tarifs'), msg('Actions')],
    host.activities.map(
      (a) => html`<tr>
        <td>${a.name} <span class="muted">(${a.code})</span>${a.archived ? html` <span class="badge">${msg('archivée')}</span>` : nothing}</td>
        <td>${nameOf(host.services, a.serviceId)}</td>
        <td>${nameOf(host.sites, a.siteId)}</td>
        <td>${a.weekdays.map((d) => weekdayName(d, 'long').slice(0, 3)).join(' ')}</td>
        <td>${numericDate(a.seasonFrom)} – ${numericDate(a.seasonTo)}</td>
        <td>${a.pricing.tiers.map((t) => price(t.amountCents)).join(' · ')}</td>
        <td>${rowActions(host, 'activities', a)}</td>
      </tr>`,
    ),
    msg('Aucune activité.'),
  )}
  ${panelForm(
    host,
    'activities',
    current ? msg(str`Modifier l'activité ${current.name}`) : msg('Nouvelle activité'),
    activityFields(host.form.errors, host.services, host.sites, current),
  )}`;
}

export function renderClosures(host: CatalogHost): TemplateResult {
  const current = editedOf(host, 'closures', host.closures);
  const scope = (c: Closure) =>
    c.activityId
      ? (host.activities.find((a) => a.id === c.activityId)?.name ?? msg('une activité'))
      : c.siteId
        ? (host.sites.find((s) => s.id === c.siteId)?.name ?? msg('un site'))
        : msg('toute la collectivité');
  return html`${table(
    msg('Fermetures'),
    [msg('Du'), msg('Au'), msg('Concerne'), msg('Motif'), msg('Actions')],
    host.closures.map(
      (c) => html`<tr>
        <td>${numericDate(c.from)}</td>
        <td>${numericDate(c.to)}</td>
        <td>${scope(c)}</td>
        <td>${c.reason}</td>
        <td>
          <div class="actions">
            <button type="button" @click=${() => host.edit('closures', c.id)}>
              ${msg('Modifier')}<span class="visually-hidden"> ${c.reason}</span>
            </button>
            <button type="button" @click=${() => host.removeClosure(c.id)}>
              ${msg('Supprimer')}<span class="visually-hidden"> ${c.reason}</span>
            </button>
          </div>
        </td>
      </tr>`,
    ),
    msg('Aucune fermeture.'),
  )}
  ${panelForm(
    host,
    'closures',
    current ? msg(str`Modifier la fermeture ${current.reason}`) : msg('Nouvelle fermeture'),
    closureFields(host.form.errors, host.sites, host.activities, current),
  )}`;
}
