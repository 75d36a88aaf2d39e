import { adminCatalog } from '@foyer/sdk';
import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { errorMessage } from '../../shared/errors.js';
import { FocusAfterRender } from '../../shared/focus-after-render.js';
import { formStyles } from '../../shared/form-fields.js';
import { heading } from '../../shared/heading.js';
import { renderTabList, renderTabPanels, type TabsModel, tabStyles } from '../../shared/tabs.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { FormState } from '../shared/form-state.js';
import { tableStyles } from '../shared/table.js';
import { adjustActivity } from './activity-form.js';
import {
  type CatalogHost,
  type CatalogKind,
  renderActivities,
  renderClosures,
  renderServices,
  renderSites,
} from './catalog-panels.js';
import { adjustClosure } from './closure-form.js';

/**
 * **Catalogue**: the collectivity's services, sites, activities (weekdays, capacity, deadlines,
 * registration window, session cap, payment mode, price tiers by family quotient and a
 * non-resident rate) and closures. Create, edit, archive — never delete what bookings refer to;
 * a closure, which no booking refers to, is removed and its days open again. Families'
 * calendars follow at once. Admins.
 *
 * @summary The back office's catalog: services, sites, activities, closures.
 * @tagname foyer-admin-catalog
 */
export class FoyerAdminCatalog extends FoyerAdminElement implements CatalogHost {
  static override styles = [baseStyles, formStyles, tableStyles, tabStyles, adminStyles];

  /** @internal */
  @state() accessor tab: CatalogKind = 'activities';
  /** @internal */
  @state() accessor services: adminCatalog.AdminService[] = [];
  /** @internal */
  @state() accessor sites: adminCatalog.AdminSite[] = [];
  /** @internal */
  @state() accessor activities: adminCatalog.AdminActivity[] = [];
  /** @internal */
  @state() accessor closures: adminCatalog.AdminClosure[] = [];
  /** @internal */
  @state() accessor editing: { kind: CatalogKind; id: string } | null = null;
  /** @internal */
  @state() accessor includeArchived = false;
  /** @internal */
  @state() accessor loadError: unknown = null;
  /** @internal */
  @state() accessor notice = '';
  /** @internal */
  readonly form = new FormState(this);
  readonly #focus = new FocusAfterRender(this);

  protected override load(): void {
    void this.#load();
  }

  async #load(): Promise<void> {
    const admin = this.admin;
    if (!admin) return;
    const query = this.includeArchived ? { includeArchived: 'true' as const } : {};
    try {
      const [services, sites, activities, closures] = await Promise.all([
        admin.services.list(query, this.callOptions),
        admin.sites.list(query, this.callOptions),
        admin.activities.list(query, this.callOptions),
        admin.closures.list({}, this.callOptions),
      ]);
      this.services = services.services;
      this.sites = sites.sites;
      this.activities = activities.activities;
      this.closures = closures.closures;
      this.loadError = null;
    } catch (error) {
      this.loadError = error;
    }
  }

  /** @internal */
  showArchived(include: boolean): void {
    this.includeArchived = include;
    void this.#load();
  }

  /** @internal */
  edit(kind: CatalogKind, id: string | null): void {
    this.form.reset();
    this.notice = '';
    this.editing = id ? { kind, id } : null;
    this.#focus.request(id ? `#${kind}-form [name]` : `#${kind}-details summary`);
  }

  /** @internal */
  save(kind: CatalogKind, form: HTMLFormElement): void {
    const admin = this.admin;
    if (!admin) return;
    const id = this.editing?.kind === kind ? this.editing.id : null;
    const o = this.callOptions;
    let sent: Promise<unknown>;
    if (kind === 'services')
      sent = this.form.submit(form, adminCatalog.ServiceInput, (b) =>
        id ? admin.services.update(id, b, o) : admin.services.create(b, o),
      );
    else if (kind === 'sites')
      sent = this.form.submit(form, adminCatalog.SiteInput, (b) =>
        id ? admin.sites.update(id, b, o) : admin.sites.create(b, o),
      );
    else if (kind === 'activities')
      sent = this.form.submit(
        form,
        adminCatalog.ActivityInput,
        (b) => (id ? admin.activities.update(id, b, o) : admin.activities.create(b, o)),
        adjustActivity,
      );
    else
      sent = this.form.submit(
        form,
        adminCatalog.ClosureInput,
        (b) => (id ? admin.closures.update(id, b, o) : admin.closures.create(b, o)),
        adjustClosure,
      );
    void sent.then(async (saved) => {
      if (saved === undefined) return;
      form.reset();
      this.editing = null;
      await this.#load();
      this.notice = id ? msg('Modifications enregistrées.') : msg('Créé.');
      this.#focus.request('.notice');
    });
  }

  /** @internal */
  archive(kind: 'services' | 'sites' | 'activities', id: string, archived: boolean): void {
    const admin = this.admin;
    if (!admin) return;
    const o = this.callOptions;
    const call =
      kind === 'services'
        ? admin.services.update(id, { archived }, o)
        : kind === 'sites'
          ? admin.sites.update(id, { archived }, o)
          : admin.activities.update(id, { archived }, o);
    void call.then(
      async () => {
        await this.#load();
        this.notice = archived ? msg('Archivé : les familles ne le voient plus.') : msg('Réactivé.');
      },
      (error: unknown) => {
        this.loadError = error;
      },
    );
  }

  /** @internal */
  removeClosure(id: string): void {
    const admin = this.admin;
    if (!admin) return;
    void admin.closures.remove(id, this.callOptions).then(
      async () => {
        if (this.editing?.kind === 'closures' && this.editing.id === id) this.edit('closures', null);
        await this.#load();
        this.notice = msg('Fermeture supprimée : ses jours rouvrent.');
        // Its row, and the button that had the focus, are gone: the news takes the focus.
        this.#focus.request('.notice');
      },
      (error: unknown) => {
        this.loadError = error;
      },
    );
  }

  #tabs(): TabsModel<CatalogKind> {
    return {
      id: 'catalog',
      label: msg('Catalogue'),
      tabs: [
        { key: 'activities', label: msg('Activités') },
        { key: 'services', label: msg('Services') },
        { key: 'sites', label: msg('Sites') },
        { key: 'closures', label: msg('Fermetures') },
      ],
      selected: this.tab,
      select: (key) => {
        this.tab = key;
        this.editing = null;
        this.form.reset();
      },
      host: this,
    };
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    const tabs = this.#tabs();
    const panel =
      this.tab === 'services'
        ? renderServices(this)
        : this.tab === 'sites'
          ? renderSites(this)
          : this.tab === 'closures'
            ? renderClosures(this)
            : renderActivities(this);
    return html`${heading(this.headingLevel, msg('Catalogue'))}
      <p class=${this.notice ? 'message success notice' : 'visually-hidden notice'} role="status" tabindex="-1">${this.notice}</p>
      ${this.loadError ? html`<p class="message error" role="alert">${errorMessage(this.loadError)}</p>` : ''}
      <div class="choice">
        <input
          type="checkbox"
          id="include-archived"
          .checked=${this.includeArchived}
          @change=${(e: Event) => this.showArchived((e.target as HTMLInputElement).checked)}
        />
        <label for="include-archived">${msg('Afficher les éléments archivés')}</label>
      </div>
      ${renderTabList(tabs)} ${renderTabPanels(tabs, panel)}`;
  }
}
