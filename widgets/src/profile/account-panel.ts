import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { errorMessage } from '../shared/errors.js';
import { inputField } from '../shared/form-fields.js';
import { heading } from '../shared/heading.js';
import { checkForm, type FormState, formValues, idleForm, type ProfileHost, runForm } from './profile-host.js';

const MIN_PASSWORD = 8;

/**
 * **Compte**: the login email and its change (a link to the new address confirms it), and the
 * password change (which ends every sign-in of the account, this one included).
 */
export class AccountPanel {
  readonly #host: ProfileHost;
  emailOpen = false;
  passwordOpen = false;
  readonly email: FormState = idleForm();
  readonly password: FormState = idleForm();
  /** The new address a confirmation link was sent to. */
  emailSentTo = '';
  /** The password was changed: the profile says so once signed out. */
  passwordChanged = false;

  constructor(host: ProfileHost) {
    this.#host = host;
  }

  reset(): void {
    this.emailOpen = false;
    this.passwordOpen = false;
    Object.assign(this.email, idleForm());
    Object.assign(this.password, idleForm());
    this.emailSentTo = '';
  }

  #toggle(which: 'email' | 'password'): void {
    if (which === 'email') {
      this.emailOpen = !this.emailOpen;
      Object.assign(this.email, idleForm());
      if (this.emailOpen) this.emailSentTo = '';
    } else {
      this.passwordOpen = !this.passwordOpen;
      Object.assign(this.password, idleForm());
    }
    this.#host.requestUpdate();
    if (this.emailOpen && which === 'email') this.#host.focusAfterRender('#email-form input');
    if (this.passwordOpen && which === 'password') this.#host.focusAfterRender('#password-form input');
  }

  async #changeEmail(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const store = this.#host.store;
    if (!store) return;
    const { newEmail = '', password = '' } = formValues(event.target as HTMLFormElement);
    const valid = checkForm(this.#host, this.email, 'email-form', {
      newEmail: !newEmail && msg('Saisissez la nouvelle adresse e-mail.'),
      password: !password && msg('Saisissez votre mot de passe actuel.'),
    });
    if (!valid) return;
    const done = await runForm(this.#host, this.email, 'email-form', () =>
      store.client.me.changeEmail({ newEmail, password, collectivity: store.collectivity }),
    );
    if (done) {
      this.emailSentTo = newEmail;
      this.emailOpen = false;
      this.#host.focusAfterRender('#email-sent');
    }
  }

  async #changePassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const store = this.#host.store;
    if (!store) return;
    const { currentPassword = '', newPassword = '', confirm = '' } = formValues(event.target as HTMLFormElement);
    const valid = checkForm(this.#host, this.password, 'password-form', {
      currentPassword: !currentPassword && msg('Saisissez votre mot de passe actuel.'),
      newPassword:
        newPassword.length < MIN_PASSWORD && msg(str`Choisissez un mot de passe d'au moins ${MIN_PASSWORD} caractères.`),
      confirm: newPassword !== confirm && msg('Les deux mots de passe ne sont pas identiques.'),
    });
    if (!valid) return;
    // Set first: the session ends inside the call, and the profile then shows the sign-in prompt.
    this.passwordChanged = true;
    const done = await runForm(this.#host, this.password, 'password-form', () =>
      store.client.auth.changePassword({ currentPassword, newPassword }),
    );
    if (!done) this.passwordChanged = false;
  }

  render(): TemplateResult {
    const account = this.#host.store?.me?.account;
    const level = this.#host.headingLevel + 1;
    return html`${heading(level, msg('Identifiant de connexion'), 'login-title')}
      <dl class="details">
        <dt>${msg('Adresse e-mail')}</dt>
        <dd>${account?.email}</dd>
      </dl>
      <p class="hint">${msg("Important : il s'agit de votre identifiant de connexion, conservez-le bien.")}</p>
      ${
        this.emailSentTo
          ? html`<p class="message success" role="status" id="email-sent" tabindex="-1">
            ${msg(
              str`Un e-mail vient d'être envoyé à ${this.emailSentTo}. Ouvrez le lien qu'il contient (valable 24 heures) : votre identifiant changera à ce moment-là.`,
            )}
          </p>`
          : nothing
      }
      <button type="button" aria-expanded=${this.emailOpen ? 'true' : 'false'} aria-controls="email-change" @click=${() => this.#toggle('email')}>
        ${msg("Changer d'adresse e-mail")}
      </button>
      <div id="email-change" ?hidden=${!this.emailOpen}>${this.emailOpen ? this.#renderEmailForm() : nothing}</div>

      ${heading(level, msg('Mot de passe'), 'password-title')}
      <button
        type="button"
        aria-expanded=${this.passwordOpen ? 'true' : 'false'}
        aria-controls="password-change"
        @click=${() => this.#toggle('password')}
      >
        ${msg('Changer son mot de passe')}
      </button>
      <div id="password-change" ?hidden=${!this.passwordOpen}>${this.passwordOpen ? this.#renderPasswordForm() : nothing}</div>`;
  }

  #renderEmailForm(): TemplateResult {
    const form = this.email;
    return html`<form id="email-form" part="form" novalidate @submit=${(e: SubmitEvent) => this.#changeEmail(e)} aria-label=${msg("Changer d'adresse e-mail")}>
      <p>${msg('Un lien de confirmation sera envoyé à la nouvelle adresse : elle ne remplacera l’actuelle qu’une fois ce lien ouvert.')}</p>
      ${form.error ? html`<p class="message error" role="alert" tabindex="-1">${errorMessage(form.error)}</p>` : nothing}
      ${inputField('newEmail', msg('Nouvelle adresse e-mail'), form.errors, {
        type: 'email',
        autocomplete: 'email',
        required: true,
        hint: msg('Format attendu : nom@domaine.fr'),
      })}
      ${inputField('password', msg('Mot de passe actuel'), form.errors, {
        id: 'email-password',
        type: 'password',
        autocomplete: 'current-password',
        required: true,
      })}
      <div class="actions">
        <button class="primary" type="submit" part="submit" ?disabled=${form.busy}>${msg('Envoyer le lien de confirmation')}</button>
        <button type="button" class="link" @click=${() => this.#toggle('email')}>${msg('Annuler')}</button>
      </div>
    </form>`;
  }

  #renderPasswordForm(): TemplateResult {
    const form = this.password;
    return html`<form
      id="password-form"
      part="form"
      novalidate
      @submit=${(e: SubmitEvent) => this.#changePassword(e)}
      aria-label=${msg('Changer son mot de passe')}
    >
      <p>${msg('Vous serez déconnecté de tous vos appareils : reconnectez-vous ensuite avec le nouveau mot de passe.')}</p>
      ${form.error ? html`<p class="message error" role="alert" tabindex="-1">${errorMessage(form.error)}</p>` : nothing}
      ${inputField('currentPassword', msg('Mot de passe actuel'), form.errors, {
        type: 'password',
        autocomplete: 'current-password',
        required: true,
      })}
      ${inputField('newPassword', msg('Nouveau mot de passe'), form.errors, {
        type: 'password',
        autocomplete: 'new-password',
        required: true,
        hint: msg(str`Au moins ${MIN_PASSWORD} caractères.`),
      })}
      ${inputField('confirm', msg('Confirmez le mot de passe'), form.errors, {
        type: 'password',
        autocomplete: 'new-password',
        required: true,
      })}
      <div class="actions">
        <button class="primary" type="submit" part="submit" ?disabled=${form.busy}>${msg('Enregistrer le mot de passe')}</button>
        <button type="button" class="link" @click=${() => this.#toggle('password')}>${msg('Annuler')}</button>
      </div>
    </form>`;
  }
}
