import type { household } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { errorMessage } from '../shared/errors.js';
import { inputField, requiredNotice } from '../shared/form-fields.js';
import { heading } from '../shared/heading.js';
import { checkForm, type FormState, formValues, idleForm, type ProfileHost, runForm } from './profile-host.js';

type Guardian = household.Guardian;

const PHONES = ['phoneMobile', 'phoneHome', 'phoneWork'] as const;

/** **Responsables**: the adults of the family file, each editable, and one more to add. */
export class GuardiansPanel {
  readonly #host: ProfileHost;
  /** The guardian being edited (their id), `new` for one being added. */
  editing: string | null = null;
  readonly form: FormState = idleForm();
  /** Who was just saved, for the confirmation. */
  saved = '';

  constructor(host: ProfileHost) {
    this.#host = host;
  }

  reset(): void {
    this.editing = null;
    this.saved = '';
    Object.assign(this.form, idleForm());
  }

  #edit(id: string | null, focusAfter?: string): void {
    this.editing = id;
    this.saved = '';
    Object.assign(this.form, idleForm());
    this.#host.requestUpdate();
    this.#host.focusAfterRender(id ? '#guardian-form input' : (focusAfter ?? '#guardians-title'));
  }

  async #save(event: SubmitEvent, guardian: Guardian | undefined): Promise<void> {
    event.preventDefault();
    const store = this.#host.store;
    const household = this.#host.household;
    if (!store || !household) return;
    const values = formValues(event.target as HTMLFormElement);
    const firstName = values.firstName ?? '';
    const lastName = values.lastName ?? '';
    const valid = checkForm(this.#host, this.form, 'guardian-form', {
      firstName: !firstName && msg('Saisissez le prénom.'),
      lastName: !lastName && msg('Saisissez le nom.'),
    });
    if (!valid) return;
    const body = {
      firstName,
      lastName,
      relationship: values.relationship || null,
      ...Object.fromEntries(PHONES.map((key) => [key, values[key] || null])),
      // The email of a guardian who signs in is their login: it changes in the Compte tab.
      ...(guardian?.hasAccount ? {} : { email: values.email || null }),
    };
    let saved: Guardian | undefined;
    const done = await runForm(this.#host, this.form, 'guardian-form', async () => {
      saved = guardian
        ? await store.client.household.guardians.update(guardian.id, body, store.callOptions)
        : await store.client.household.guardians.create(body, store.callOptions);
    });
    if (!done || !saved) return;
    const result = saved;
    const guardians = guardian
      ? household.guardians.map((g) => (g.id === result.id ? result : g))
      : [...household.guardians, result];
    this.#host.household = { ...household, guardians };
    this.editing = null;
    this.saved = `${result.firstName} ${result.lastName}`;
    this.#host.focusAfterRender('#guardian-saved');
  }

  render(): TemplateResult {
    const household = this.#host.household;
    if (!household) return html``;
    const level = this.#host.headingLevel + 1;
    return html`${heading(level, msg('Responsables du foyer'), 'guardians-title')}
      ${
        this.saved
          ? html`<p class="message success" role="status" id="guardian-saved" tabindex="-1">
            ${msg(str`Les informations de ${this.saved} sont enregistrées.`)}
          </p>`
          : nothing
      }
      <ul class="cards">
        ${household.guardians.map((g) =>
          this.editing === g.id ? html`<li class="card">${this.#renderForm(g)}</li>` : this.#renderGuardian(g, level + 1),
        )}
        ${this.editing === 'new' ? html`<li class="card">${this.#renderForm(undefined)}</li>` : nothing}
      </ul>
      ${
        this.editing === 'new'
          ? nothing
          : html`<button type="button" id="add-guardian" @click=${() => this.#edit('new')}>${msg('Ajouter un responsable')}</button>`
      }`;
  }

  #renderGuardian(g: Guardian, level: number): TemplateResult {
    const rows: [string, string | null][] = [
      [msg('Lien avec les enfants'), g.relationship],
      [msg('Adresse e-mail'), g.email],
      [msg('Téléphone portable'), g.phoneMobile],
      [msg('Téléphone du domicile'), g.phoneHome],
      [msg('Téléphone professionnel'), g.phoneWork],
    ];
    return html`<li class="card" part="guardian">
      ${heading(level, `${g.firstName} ${g.lastName}`, `guardian-${g.id}`)}
      ${g.hasAccount ? html`<p class="hint">${msg('Se connecte à l’espace famille avec son adresse e-mail.')}</p>` : nothing}
      <dl class="details">
        ${rows.filter(([, value]) => value).map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}
      </dl>
      <button type="button" id="edit-${g.id}" @click=${() => this.#edit(g.id)}>
        ${msg('Modifier')}<span class="visually-hidden"> ${g.firstName} ${g.lastName}</span>
      </button>
    </li>`;
  }

  #renderForm(g: Guardian | undefined): TemplateResult {
    const form = this.form;
    const title = g ? msg(str`Modifier ${g.firstName} ${g.lastName}`) : msg('Ajouter un responsable');
    const cancelFocus = g ? `#edit-${g.id}` : '#add-guardian';
    return html`<form id="guardian-form" part="form" novalidate @submit=${(e: SubmitEvent) => this.#save(e, g)} aria-label=${title}>
      <p class="label">${title}</p>
      ${requiredNotice()}
      ${form.error ? html`<p class="message error" role="alert" tabindex="-1">${errorMessage(form.error)}</p>` : nothing}
      ${inputField('firstName', msg('Prénom'), form.errors, { value: g?.firstName, required: true, autocomplete: 'off' })}
      ${inputField('lastName', msg('Nom'), form.errors, { value: g?.lastName, required: true })}
      ${inputField('relationship', msg('Lien avec les enfants'), form.errors, {
        value: g?.relationship ?? '',
        hint: msg('Par exemple : mère, père, grand-mère.'),
      })}
      ${
        g?.hasAccount
          ? html`<p>
            <span class="label">${msg('Adresse e-mail')}</span> ${g.email}
            <span class="hint">${msg("C'est l'identifiant de connexion de ce responsable : il se change dans l'onglet Compte, une fois connecté.")}</span>
          </p>`
          : inputField('email', msg('Adresse e-mail'), form.errors, {
              value: g?.email ?? '',
              type: 'email',
              hint: msg('Format attendu : nom@domaine.fr'),
            })
      }
      ${inputField('phoneMobile', msg('Téléphone portable'), form.errors, { value: g?.phoneMobile ?? '', type: 'tel' })}
      ${inputField('phoneHome', msg('Téléphone du domicile'), form.errors, { value: g?.phoneHome ?? '', type: 'tel' })}
      ${inputField('phoneWork', msg('Téléphone professionnel'), form.errors, { value: g?.phoneWork ?? '', type: 'tel' })}
      <div class="actions">
        <button class="primary" type="submit" part="submit" ?disabled=${form.busy}>${msg('Enregistrer')}</button>
        <button type="button" class="link" @click=${() => this.#edit(null, cancelFocus)}>${msg('Annuler')}</button>
      </div>
    </form>`;
  }
}
