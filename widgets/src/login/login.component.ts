import { type FoyerClient, FoyerError } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { errorMessage } from '../shared/errors.js';
import { FoyerElement } from '../shared/foyer-element.js';
import { heading } from '../shared/heading.js';
import { dropParam, readParam } from '../shared/url-params.js';
import { loginStyles } from './login.styles.js';

type View = 'login' | 'reset-request' | 'reset-sent' | 'reset-confirm' | 'reset-done' | 'activate';
type Invitation = Awaited<ReturnType<FoyerClient['auth']['getInvitation']>>;

const MIN_PASSWORD = 8;

/**
 * Signs a parent in and out, and shows who is signed in. It also finishes what the emails
 * start: with `#foyer-invitation=<token>` (or the older `?…`) in the page's address it shows the account
 * activation form, with `#foyer-reset=<token>` the new-password form.
 *
 * @summary Sign in, sign out, account activation and password reset.
 * @tagname foyer-login
 *
 * @csspart form - Every form (sign-in, activation, password reset).
 * @csspart submit - The main button of a form.
 * @csspart account - The signed-in block: who is signed in, and the sign-out button.
 * @csspart sign-out - The sign-out button.
 *
 * @cssprop --foyer-color-primary - Buttons, links and accents (default `#2447a8`).
 * @cssprop --foyer-color-danger - Error messages and invalid fields.
 * @cssprop --foyer-font-family - Font of the element (inherited from the page by default).
 */
export class FoyerLogin extends FoyerElement {
  static override styles = [baseStyles, loginStyles];

  /** The sign-in form's title; "Connexion à votre espace famille" by default (the back office says its own). */
  @property({ attribute: 'sign-in-title' }) accessor signInTitle = '';

  /** The activation form's title; "Activez votre espace famille" by default. */
  @property({ attribute: 'activate-title' }) accessor activateTitle = '';

  /** @internal */
  @state() accessor view: View = 'login';
  /** @internal */
  @state() accessor busy = false;
  /** @internal */
  @state() accessor error: unknown = null;
  /** @internal */
  @state() accessor fieldErrors: Record<string, string> = {};
  /** @internal */
  @state() accessor invitation: Invitation | null = null;
  /** @internal */
  @state() accessor invitationState: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  #invitationToken: string | null = null;
  #resetToken: string | null = null;
  #focusAfterRender: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#invitationToken = readParam('foyer-invitation');
    this.#resetToken = readParam('foyer-reset');
    if (this.#invitationToken) this.view = 'activate';
    else if (this.#resetToken) this.view = 'reset-confirm';
  }

  protected override storeConnected(): void {
    if (this.view === 'activate' && this.store && this.invitationState === 'idle') void this.#loadInvitation();
  }

  async #loadInvitation(): Promise<void> {
    const token = this.#invitationToken;
    if (!this.store || !token) return;
    this.invitationState = 'loading';
    try {
      this.invitation = await this.store.client.auth.getInvitation(token);
      this.invitationState = 'ready';
    } catch (error) {
      this.error = error;
      this.invitationState = 'error';
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.#focusAfterRender)?.focus();
      this.#focusAfterRender = null;
    }
  }

  #go(view: View, focus = '.heading'): void {
    this.view = view;
    this.error = null;
    this.fieldErrors = {};
    this.#focusAfterRender = focus;
  }

  /** Runs a form's call: busy state, errors of the API by field or for the whole form. */
  async #submit(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await work();
    } catch (error) {
      this.error = error;
      if (error instanceof FoyerError && error.errors.length > 0) {
        this.fieldErrors = Object.fromEntries(error.errors.map((e) => [e.path.replace(/^body\./, ''), e.message]));
      }
      this.#focusAfterRender = '[role="alert"]';
    } finally {
      this.busy = false;
    }
  }

  /** Checks what the browser can before calling the API; returns false and focuses the first error. */
  #validate(errors: Record<string, string | false>): boolean {
    const found = Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => typeof e[1] === 'string'));
    this.fieldErrors = found;
    this.error = null;
    const first = Object.keys(found)[0];
    if (first) this.#focusAfterRender = `[name="${first}"]`;
    return !first;
  }

  #onLogin(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (
      !this.#validate({
        email: !email && msg('Saisissez votre adresse e-mail.'),
        password: !password && msg('Saisissez votre mot de passe.'),
      })
    )
      return;
    void this.#submit(async () => {
      await this.store?.login(email, password);
      this.#focusAfterRender = '.account [tabindex="-1"]';
    });
  }

  async #onLogout(): Promise<void> {
    await this.store?.logout();
    this.#go('login', 'input[name="email"]');
  }

  #onResetRequest(event: SubmitEvent): void {
    event.preventDefault();
    const email = String(new FormData(event.target as HTMLFormElement).get('email') ?? '').trim();
    if (!this.#validate({ email: !email && msg('Saisissez votre adresse e-mail.') })) return;
    void this.#submit(async () => {
      await this.store?.client.auth.resetPassword.request({ email, collectivity: this.store.collectivity });
      this.#go('reset-sent');
    });
  }

  #onResetConfirm(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const password = String(data.get('password') ?? '');
    const confirm = String(data.get('confirm') ?? '');
    if (!this.#validate(this.#newPasswordErrors(password, confirm))) return;
    const token = this.#resetToken;
    if (!token) return;
    void this.#submit(async () => {
      await this.store?.client.auth.resetPassword.confirm({ token, password });
      dropParam('foyer-reset');
      this.#resetToken = null;
      this.#go('reset-done');
    });
  }

  #onActivate(event: SubmitEvent): void {
    event.preventDefault();
    const token = this.#invitationToken;
    if (!token || !this.invitation) return;
    const data = new FormData(event.target as HTMLFormElement);
    const password = String(data.get('password') ?? '');
    let body: Parameters<NonNullable<typeof this.store>['activate']>[0] = { token, password };
    if (this.invitation.accountExists) {
      if (!this.#validate({ password: !password && msg('Saisissez votre mot de passe.') })) return;
    } else {
      const firstName = String(data.get('firstName') ?? '').trim();
      const lastName = String(data.get('lastName') ?? '').trim();
      if (
        !this.#validate({
          firstName: !firstName && msg('Saisissez votre prénom.'),
          lastName: !lastName && msg('Saisissez votre nom.'),
          ...this.#newPasswordErrors(password, String(data.get('confirm') ?? '')),
        })
      )
        return;
      body = { ...body, firstName, lastName };
    }
    void this.#submit(async () => {
      await this.store?.activate(body);
      dropParam('foyer-invitation');
      this.#invitationToken = null;
      this.view = 'login';
      this.#focusAfterRender = '.account [tabindex="-1"]';
    });
  }

  #newPasswordErrors(password: string, confirm: string): Record<string, string | false> {
    return {
      password: password.length < MIN_PASSWORD && msg(str`Choisissez un mot de passe d'au moins ${MIN_PASSWORD} caractères.`),
      confirm: password !== confirm && msg('Les deux mots de passe ne sont pas identiques.'),
    };
  }

  protected override render(): TemplateResult {
    const store = this.store;
    if (!store) return html`<p class="message">${msg('Placez cet élément dans un élément <foyer-provider>.')}</p>`;
    if (store.signedIn && store.me && this.view !== 'activate') return this.#renderAccount();
    if (store.sessionState === 'loading' && this.view === 'login') {
      return html`<p class="muted" role="status">${msg('Connexion en cours…')}</p>`;
    }
    switch (this.view) {
      case 'activate':
        return this.#renderActivation();
      case 'reset-request':
        return this.#renderResetRequest();
      case 'reset-sent':
        return html`<section aria-labelledby="title">
          ${heading(this.headingLevel, msg('Vérifiez votre messagerie'))}
          <p class="message success" role="status">
            ${msg('Si un compte existe pour cette adresse, un e-mail vient de vous être envoyé avec un lien pour choisir un nouveau mot de passe.')}
          </p>
          <button class="link" @click=${() => this.#go('login')}>${msg('Retour à la connexion')}</button>
        </section>`;
      case 'reset-confirm':
        return this.#renderResetConfirm();
      default:
        return this.#renderLogin();
    }
  }

  #renderAccount(): TemplateResult {
    const account = this.store?.me?.account;
    return html`<div class="account" part="account">
      <p tabindex="-1">
        ${msg('Connecté en tant que')} <strong>${account?.displayName}</strong>
        <span class="hint">${account?.email}</span>
      </p>
      <button part="sign-out" @click=${this.#onLogout}>${msg('Se déconnecter')}</button>
    </div>`;
  }

  #renderError(): TemplateResult | typeof nothing {
    // A stored sign-in that could not be resumed, or an account that could not be read, shows here too.
    const error = this.error ?? (this.store?.sessionState === 'error' ? this.store.sessionError : null);
    return error ? html`<p class="message error" role="alert" tabindex="-1">${errorMessage(error)}</p>` : nothing;
  }

  #field(
    name: string,
    label: string,
    options: { type?: string; autocomplete?: string; hint?: string; value?: string } = {},
  ): TemplateResult {
    const error = this.fieldErrors[name];
    const described = [options.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${name}>${label}${options.hint ? html`<span class="hint" id="${name}-hint">${options.hint}</span>` : nothing}</label>
      <input
        id=${name}
        name=${name}
        type=${options.type ?? 'text'}
        autocomplete=${options.autocomplete ?? 'off'}
        .value=${options.value ?? ''}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described || nothing}
      />
      ${error ? html`<p class="field-error" id="${name}-error">${error}</p>` : nothing}
    </div>`;
  }

  #renderLogin(): TemplateResult {
    return html`<form part="form" novalidate @submit=${this.#onLogin} aria-labelledby="title">
      ${heading(this.headingLevel, this.signInTitle || msg('Connexion à votre espace famille'))}
      ${this.view === 'reset-done' ? html`<p class="message success" role="status">${msg('Votre mot de passe a été modifié : connectez-vous avec le nouveau.')}</p>` : nothing}
      ${this.#renderError()}
      ${this.#field('email', msg('Adresse e-mail'), { type: 'email', autocomplete: 'username', hint: msg('Format attendu : nom@domaine.fr') })}
      ${this.#field('password', msg('Mot de passe'), { type: 'password', autocomplete: 'current-password' })}
      <div class="actions">
        <button class="primary" part="submit" type="submit" ?disabled=${this.busy}>
          ${this.busy ? msg('Connexion…') : msg('Se connecter')}
        </button>
        <button class="link" type="button" @click=${() => this.#go('reset-request', 'input[name="email"]')}>
          ${msg('Mot de passe oublié ?')}
        </button>
      </div>
    </form>`;
  }

  #renderResetRequest(): TemplateResult {
    return html`<form part="form" novalidate @submit=${this.#onResetRequest} aria-labelledby="title">
      ${heading(this.headingLevel, msg('Mot de passe oublié'))}
      <p>${msg('Saisissez l’adresse e-mail de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe.')}</p>
      ${this.#renderError()}
      ${this.#field('email', msg('Adresse e-mail'), { type: 'email', autocomplete: 'username' })}
      <div class="actions">
        <button class="primary" part="submit" type="submit" ?disabled=${this.busy}>${msg('Recevoir le lien')}</button>
        <button class="link" type="button" @click=${() => this.#go('login', 'input[name="email"]')}>${msg('Retour à la connexion')}</button>
      </div>
    </form>`;
  }

  #renderResetConfirm(): TemplateResult {
    return html`<form part="form" novalidate @submit=${this.#onResetConfirm} aria-labelledby="title">
      ${heading(this.headingLevel, msg('Choisissez un nouveau mot de passe'))}
      ${this.#renderError()}
      ${this.#field('password', msg('Nouveau mot de passe'), {
        type: 'password',
        autocomplete: 'new-password',
        hint: msg(str`Au moins ${MIN_PASSWORD} caractères.`),
      })}
      ${this.#field('confirm', msg('Confirmez le mot de passe'), { type: 'password', autocomplete: 'new-password' })}
      <div class="actions">
        <button class="primary" part="submit" type="submit" ?disabled=${this.busy}>${msg('Enregistrer le mot de passe')}</button>
      </div>
    </form>`;
  }

  #renderActivation(): TemplateResult {
    if (this.invitationState === 'loading' || this.invitationState === 'idle') {
      return html`<p class="muted" role="status">${msg('Chargement de votre invitation…')}</p>`;
    }
    const invitation = this.invitation;
    if (this.invitationState === 'error' || !invitation) {
      return html`<section aria-labelledby="title">
        ${heading(this.headingLevel, msg('Activation du compte'))}
        ${this.#renderError()}
        <button class="link" @click=${() => this.#go('login')}>${msg('Aller à la connexion')}</button>
      </section>`;
    }
    const intro = invitation.accountExists
      ? msg(
          str`Un compte existe déjà pour ${invitation.email} : saisissez son mot de passe pour y ajouter le foyer « ${invitation.household.name} » de ${invitation.collectivity.name}.`,
        )
      : msg(
          str`${invitation.collectivity.name} vous invite à gérer le foyer « ${invitation.household.name} » en ligne. Complétez ces informations puis cliquez sur « Enregistrer » pour valider votre compte.`,
        );
    return html`<form part="form" novalidate @submit=${this.#onActivate} aria-labelledby="title">
      ${heading(this.headingLevel, this.activateTitle || msg('Activez votre espace famille'))}
      <p>${intro}</p>
      <p><span class="hint">${msg('Adresse e-mail (identifiant de connexion)')}</span> <strong>${invitation.email}</strong></p>
      ${this.#renderError()}
      ${
        invitation.accountExists
          ? this.#field('password', msg('Mot de passe'), { type: 'password', autocomplete: 'current-password' })
          : html`${this.#field('firstName', msg('Prénom'), { autocomplete: 'given-name' })}
            ${this.#field('lastName', msg('Nom'), { autocomplete: 'family-name' })}
            ${this.#field('password', msg('Mot de passe'), {
              type: 'password',
              autocomplete: 'new-password',
              hint: msg(str`Au moins ${MIN_PASSWORD} caractères.`),
            })}
            ${this.#field('confirm', msg('Confirmez le mot de passe'), { type: 'password', autocomplete: 'new-password' })}`
      }
      <div class="actions">
        <button class="primary" part="submit" type="submit" ?disabled=${this.busy}>${msg('Enregistrer')}</button>
      </div>
    </form>`;
  }
}
