import { adminAgents } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { errorMessage } from '../../shared/errors.js';
import { FocusAfterRender } from '../../shared/focus-after-render.js';
import { formStyles, inputField, selectField } from '../../shared/form-fields.js';
import { instant } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { adminForm } from '../shared/form-render.js';
import { FormState } from '../shared/form-state.js';
import { type AgentRole, roleLabel } from '../shared/roles.js';
import { tableStyles } from '../shared/table.js';

type Agent = adminAgents.Agent;
type Site = { id: string; name: string };
const ROLES: AgentRole[] = ['admin', 'agent', 'kitchen', 'animator'];

/**
 * **Agents**: who works in the back office and with which role — `admin` (everything),
 * `agent` (families, enrolments, requests), `kitchen` (meal counts), `animator` (roll call
 * and care plans of their sites). Invite by email (a new account chooses its password from the
 * emailed link), change a role, pick an animator's sites (none: they see no roll call), remove
 * an agent (never the last admin). Admins.
 *
 * @summary The back office's agents and their roles.
 * @tagname foyer-admin-agents
 */
export class FoyerAdminAgents extends FoyerAdminElement {
  static override styles = [
    baseStyles,
    formStyles,
    tableStyles,
    adminStyles,
    css`
      fieldset.sites {
        margin: 0;
        padding: 0.25rem 0.5rem;
      }
      fieldset.sites label {
        display: block;
      }
    `,
  ];

  /** @internal */
  @state() accessor agents: Agent[] = [];
  /** @internal The sites an animator may be given (not archived). */
  @state() accessor sites: Site[] = [];
  /** @internal */
  @state() accessor listState: 'loading' | 'ready' | 'error' = 'loading';
  /** @internal */
  @state() accessor error: unknown = null;
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
    try {
      const [agents, sites] = await Promise.all([admin.agents.list(this.callOptions), admin.sites.list({}, this.callOptions)]);
      this.agents = agents.agents;
      this.sites = sites.sites.filter((site) => !site.archived);
      this.listState = 'ready';
    } catch (error) {
      this.error = error;
      this.listState = 'error';
    }
  }

  #done(notice: string): void {
    this.notice = notice;
    this.error = null;
    this.#focus.request('.notice');
    void this.#load();
  }

  #invite(form: HTMLFormElement): void {
    const admin = this.admin;
    if (!admin) return;
    void this.form
      .submit(form, adminAgents.AgentInvitationInput, (body) => admin.agents.invite(body, this.callOptions))
      .then((agent) => {
        if (!agent) return;
        form.reset();
        this.#done(
          agent.status === 'invited'
            ? msg(str`Invitation envoyée à ${agent.email} (${roleLabel(agent.role)}).`)
            : msg(str`${agent.email} a désormais le rôle ${roleLabel(agent.role)}.`),
        );
      });
  }

  #changeRole(agent: Agent, role: AgentRole): void {
    const admin = this.admin;
    if (!admin || role === agent.role) return;
    admin.agents.update(agent.id, { role }, this.callOptions).then(
      (updated) => this.#done(msg(str`${updated.email} a désormais le rôle ${roleLabel(updated.role)}.`)),
      (error: unknown) => {
        this.error = error;
        void this.#load();
      },
    );
  }

  /** Gives or takes a site from an animator; focus stays on the checkbox, the status line says it. */
  #toggleSite(agent: Agent, site: Site, on: boolean): void {
    const admin = this.admin;
    if (!admin || !agent.sites) return;
    const siteIds = on
      ? [...agent.sites.map((s) => s.id), site.id]
      : agent.sites.filter((s) => s.id !== site.id).map((s) => s.id);
    admin.agents.setSites(agent.id, { siteIds }, this.callOptions).then(
      (updated) => {
        this.agents = this.agents.map((a) => (a.id === updated.id ? updated : a));
        this.error = null;
        this.notice = on
          ? msg(str`${updated.email} voit désormais l'appel de ${site.name}.`)
          : msg(str`${updated.email} ne voit plus l'appel de ${site.name}.`);
      },
      (error: unknown) => {
        this.error = error;
        void this.#load();
      },
    );
  }

  #sitesCell(agent: Agent): TemplateResult {
    if (!agent.sites) return html`${msg('Tous les sites')}`;
    const chosen = new Set(agent.sites.map((s) => s.id));
    return html`<fieldset class="sites">
        <legend class="visually-hidden">${msg(str`Sites de ${agent.email}`)}</legend>
        ${this.sites.map((site) => {
          const id = `site-${agent.id}-${site.id}`;
          return html`<label for=${id}>
            <input
              id=${id}
              type="checkbox"
              .checked=${chosen.has(site.id)}
              @change=${(e: Event) => this.#toggleSite(agent, site, (e.target as HTMLInputElement).checked)}
            />
            ${site.name}
          </label>`;
        })}
      </fieldset>
      ${agent.sites.length === 0 ? html`<p class="muted">${msg('Aucun site : cet animateur ne voit aucun appel')}</p>` : nothing}`;
  }

  #remove(agent: Agent): void {
    const admin = this.admin;
    if (!admin) return;
    admin.agents.remove(agent.id, this.callOptions).then(
      () => this.#done(msg(str`${agent.email} n'a plus accès au back-office.`)),
      (error: unknown) => {
        this.error = error;
      },
    );
  }

  #row(agent: Agent): TemplateResult {
    const id = `role-${agent.id}`;
    return html`<tr>
      <td>${agent.displayName || '—'}</td>
      <td>${agent.email}</td>
      <td>
        <label for=${id} class="visually-hidden">${msg(str`Rôle de ${agent.email}`)}</label>
        <select id=${id} @change=${(e: Event) => this.#changeRole(agent, (e.target as HTMLSelectElement).value as AgentRole)}>
          ${ROLES.map((r) => html`<option value=${r} ?selected=${r === agent.role}>${roleLabel(r)}</option>`)}
        </select>
      </td>
      <td>${this.#sitesCell(agent)}</td>
      <td>
        ${agent.status === 'active' ? msg('actif') : agent.invitationExpiresAt ? msg(str`invité jusqu'au ${instant(agent.invitationExpiresAt)}`) : msg('invité')}
      </td>
      <td>
        <button type="button" @click=${() => this.#remove(agent)}>
          ${msg('Retirer')}<span class="visually-hidden"> ${agent.email}</span>
        </button>
      </td>
    </tr>`;
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    const errors = this.form.errors;
    return html`${heading(this.headingLevel, msg('Agents'))}
      <p class=${this.notice ? 'message success notice' : 'visually-hidden notice'} role="status" tabindex="-1">${this.notice}</p>
      ${this.error ? html`<p class="message error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      <div class="table-wrap">
        <table aria-busy=${this.listState === 'loading' ? 'true' : 'false'}>
          <caption class="visually-hidden">${msg('Agents de la collectivité')}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Nom')}</th>
              <th scope="col">${msg('E-mail')}</th>
              <th scope="col">${msg('Rôle')}</th>
              <th scope="col">${msg('Sites')}</th>
              <th scope="col">${msg('État')}</th>
              <th scope="col">${msg('Actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.agents.map((a) => this.#row(a))}
          </tbody>
        </table>
      </div>
      ${heading(this.headingLevel + 1, msg('Inviter un agent'), 'invite-title')}
      ${adminForm(
        this.form,
        this.renderRoot,
        {
          id: 'invite-form',
          label: msg('Inviter un agent'),
          submit: msg("Envoyer l'invitation"),
          onSubmit: (f) => this.#invite(f),
        },
        html`<div class="row">
          ${inputField('email', msg('Adresse e-mail'), errors, { id: 'agent-email', type: 'email', required: true })}
          ${selectField(
            'role',
            msg('Rôle'),
            errors,
            ROLES.map((r) => [r, roleLabel(r)]),
            { id: 'agent-role', required: true, value: 'agent' },
          )}
          ${inputField('displayName', msg('Nom affiché'), errors, { id: 'agent-name' })}
        </div>`,
      )}`;
  }
}
