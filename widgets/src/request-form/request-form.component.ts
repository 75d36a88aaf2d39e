import type { attachments, requests } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { FoyerRequestSentEvent } from '../events/request-sent.js';
import { baseStyles } from '../shared/base.styles.js';
import { errorMessage } from '../shared/errors.js';
import { FocusAfterRender } from '../shared/focus-after-render.js';
import { apiFieldErrors, type FieldErrors, formStyles, requiredNotice, selectField } from '../shared/form-fields.js';
import { FoyerElement } from '../shared/foyer-element.js';
import { heading } from '../shared/heading.js';
import type { LoadState, StoreTopic } from '../shared/store.js';
import { renderTabList, renderTabPanels, type TabsModel, tabStyles } from '../shared/tabs.js';
import { renderAttachmentField } from './attachment-field.js';
import { renderHistory } from './history-view.js';
import { answerId, missingAnswers, refusalErrors, renderRequestField } from './request-fields.js';
import { requestFormStyles } from './request-form.styles.js';
import { RequestHistory } from './request-history.js';
import { sendError } from './request-text.js';
import { Uploads } from './uploads.js';

type Tab = 'new' | 'history';

/**
 * Requests to the town hall, as the flyer has them: **Faire une demande** (choose a category
 * — "thématique" —, fill its form, attach the documents it asks for, send) and **Historique des
 * demandes** (each request's status, answers, documents and the thread with the agents, where
 * the family answers). Documents upload as soon as they are chosen.
 *
 * @summary A request to the town hall, and the history of the household's requests.
 * @tagname foyer-request-form
 *
 * @fires foyer-request-sent - A request was sent; `detail.request` as the API recorded it.
 *
 * @csspart tabs - The tab list ("Faire une demande", "Historique des demandes").
 * @csspart tab - A tab.
 * @csspart tab-selected - The selected tab (also a `tab`).
 * @csspart panel - The shown tab's panel.
 * @csspart form - The new request's form.
 * @csspart attachment - A document's field: its file input, progress and status.
 * @csspart progress - The progress bar of a document on its way.
 * @csspart submit - The button that sends the request.
 * @csspart request - A request of the history.
 * @csspart status - A request's status ("Acceptée").
 * @csspart thread - The messages exchanged with the service.
 * @csspart result - The confirmation that the request was sent.
 *
 * @cssprop --foyer-color-primary - Buttons, tabs and accents (default `#2447a8`).
 * @cssprop --foyer-color-success - Accepted requests (default `#18753c`).
 * @cssprop --foyer-color-pending - Requests waiting for the family (default `#a94400`).
 * @cssprop --foyer-color-danger - Errors and rejected requests (default `#b3261e`).
 */
export class FoyerRequestForm extends FoyerElement {
  static override styles = [baseStyles, formStyles, tabStyles, requestFormStyles];

  /** `all` (default): both tabs; `new`: only the form; `history`: only the history. */
  @property({ reflect: true }) accessor show: 'all' | 'new' | 'history' = 'all';
  /** The category to open the form on (its id). */
  @property() accessor category = '';
  /** Opens the form on the first category with this effect when `category` is not given: `address`, `allergy` or `pickup`. */
  @property() accessor effect = '';
  /** The child to choose first in the form's child fields (their id). */
  @property() accessor child = '';

  /** @internal */
  @state() accessor tab: Tab = 'new';
  /** @internal */
  @state() accessor categories: requests.RequestCategory[] = [];
  /** @internal */
  @state() accessor categoriesState: LoadState = 'idle';
  /** @internal */
  @state() accessor categoriesError: unknown = null;
  /** @internal */
  @state() accessor categoryId = '';
  /** @internal */
  @state() accessor message = '';
  /** @internal */
  @state() accessor errors: FieldErrors = {};
  /** @internal */
  @state() accessor formError: unknown = null;
  /** @internal */
  @state() accessor sending = false;
  /** @internal */
  @state() accessor sent: requests.RequestDetail | null = null;
  /** @internal */
  @state() accessor replyErrors: Record<string, FieldErrors> = {};

  readonly #uploads = new Uploads(this);
  readonly #replyUploads = new Uploads(this);
  readonly #history = new RequestHistory(this);
  #loadedFor = '';
  #focus = new FocusAfterRender(this);

  get #shownTab(): Tab {
    return this.show === 'all' ? this.tab : this.show === 'history' ? 'history' : 'new';
  }

  get #category(): requests.RequestCategory | undefined {
    return this.categories.find((c) => c.id === this.categoryId);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const store = this.store;
    const key = store?.signedIn ? store.collectivity : '';
    if (key !== this.#loadedFor) {
      this.#loadedFor = key;
      this.#reset();
      if (key) void this.#loadCategories();
    }
    if (key && this.#shownTab === 'history' && this.#history.state === 'idle') void this.#history.reload();
    if ((changed.has('category') || changed.has('effect')) && this.categoriesState === 'ready') this.#preselect();
  }

  protected override storeChanged(topic: StoreTopic): void {
    super.storeChanged(topic);
    if (topic === 'session' && !this.store?.signedIn) this.#reset();
  }

  /** Signed out or another collectivity: nothing of the household stays. */
  #reset(): void {
    this.categories = [];
    this.categoriesState = 'idle';
    this.categoryId = '';
    this.message = '';
    this.errors = {};
    this.formError = null;
    this.sent = null;
    this.replyErrors = {};
    this.#uploads.clear();
    this.#replyUploads.clear();
    this.#history.reset();
  }

  async #loadCategories(): Promise<void> {
    const store = this.store;
    if (!store) return;
    this.categoriesState = 'loading';
    try {
      const { categories } = await store.client.requestCategories.list(store.callOptions);
      this.categories = categories;
      this.categoriesState = 'ready';
      this.categoriesError = null;
      this.#preselect();
    } catch (error) {
      this.categoriesState = 'error';
      this.categoriesError = error;
    }
  }

  /** The category asked for by `category`, else by `effect`. */
  #preselect(): void {
    const wanted =
      this.categories.find((c) => c.id === this.category) ??
      (this.effect ? this.categories.find((c) => c.effect === this.effect) : undefined);
    if (wanted) this.#choose(wanted.id);
  }

  /** Chooses a category: its template starts the message, unless the parent already wrote one. */
  #choose(id: string): void {
    const previous = this.#category;
    const next = this.categories.find((c) => c.id === id);
    if (!this.message.trim() || this.message === previous?.template) this.message = next?.template ?? '';
    this.categoryId = id;
    this.errors = {};
    this.formError = null;
    this.#uploads.clear();
  }

  #select(tab: Tab): void {
    this.tab = tab;
    if (tab === 'history') void this.#history.reload();
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const category = this.#category;
    if (!category) {
      this.errors = { category: msg('Choisissez une thématique.') };
      this.#focus.request('#category');
      return;
    }
    const data = new FormData(event.target as HTMLFormElement);
    const answers: Record<string, string> = {};
    for (const field of category.fields) {
      const value = String(data.get(field.key) ?? '').trim();
      if (value) answers[field.key] = value;
    }
    const errors = missingAnswers(category.fields, answers);
    for (const type of category.attachmentTypes) {
      const upload = this.#uploads.get(type.key);
      if (upload?.state === 'uploading') errors[`file-${type.key}`] = msg('Le document est en cours d’envoi : attendez la fin.');
      else if (type.required && upload?.state !== 'done')
        errors[`file-${type.key}`] = msg(str`Joignez le document « ${type.label} ».`);
    }
    this.errors = errors;
    this.formError = null;
    const first = Object.keys(errors)[0];
    if (first) {
      this.#focus.request(first.startsWith('file-') ? `#${first}` : `#${answerId(first)}`);
      return;
    }
    void this.#send(category, answers);
  }

  async #send(category: requests.RequestCategory, answers: Record<string, string>): Promise<void> {
    const store = this.store;
    if (!store) return;
    this.sending = true;
    try {
      const request = await store.client.requests.create(
        {
          categoryId: category.id,
          answers,
          ...(this.message.trim() ? { body: this.message.trim() } : {}),
          attachmentIds: this.#uploads.ids(),
        },
        store.callOptions,
      );
      this.sent = request;
      this.message = '';
      this.categoryId = '';
      this.#uploads.clear();
      this.#history.reset();
      this.#focus.request('#sent-title');
      const event = new FoyerRequestSentEvent({ request });
      this.dispatchEvent(event);
    } catch (error) {
      this.#refused(error);
    } finally {
      this.sending = false;
    }
  }

  /** Puts a refusal beside the fields it names, and the whole of it above the form. */
  #refused(error: unknown): void {
    this.errors = refusalErrors(error);
    this.formError = error;
    this.#focus.request('#form-error');
  }

  async #download(attachment: attachments.Attachment): Promise<void> {
    const store = this.store;
    if (!store) return;
    try {
      const { blob, filename } = await store.client.attachments.download(attachment.id, store.callOptions);
      const url = URL.createObjectURL(blob);
      const link = Object.assign(document.createElement('a'), { href: url, download: filename });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this.#history.error = error;
      this.requestUpdate();
    }
  }

  async #reply(id: string, form: HTMLFormElement): Promise<void> {
    const body = String(new FormData(form).get('reply') ?? '').trim();
    const upload = this.#replyUploads.get(id);
    const errors: FieldErrors = {};
    if (!body) errors.reply = msg('Écrivez votre réponse.');
    if (upload?.state === 'uploading') errors.file = msg('Le document est en cours d’envoi : attendez la fin.');
    this.replyErrors = { ...this.replyErrors, [id]: errors };
    if (Object.keys(errors).length > 0) {
      this.#focus.request(errors.reply ? `#reply-${id}` : `#reply-${id}-file`);
      return;
    }
    if (await this.#history.reply(id, body, this.#replyUploads.ids(id))) {
      this.#replyUploads.remove(id);
      form.reset();
    } else {
      this.replyErrors = { ...this.replyErrors, [id]: apiFieldErrors(this.#history.open.get(id)?.replyError) };
      this.#focus.request(`#request-${id}-detail [role="alert"]`);
    }
  }

  protected override render(): TemplateResult {
    const store = this.store;
    if (!store) return html`<p class="message">${msg('Placez cet élément dans un élément <foyer-provider>.')}</p>`;
    const title =
      this.show === 'new'
        ? msg('Faire une demande')
        : this.show === 'history'
          ? msg('Historique des demandes')
          : msg('Mes demandes');
    const top = heading(this.headingLevel, title, 'title');
    if (!store.signedIn) {
      return html`<section aria-labelledby="title">
        ${top}
        <p class="muted">${msg('Connectez-vous pour faire une demande et suivre vos demandes.')}</p>
      </section>`;
    }
    const content = this.#shownTab === 'history' ? this.#renderHistory() : this.#renderNew();
    if (this.show !== 'all') return html`<section aria-labelledby="title">${top}${content}</section>`;
    const tabs: TabsModel<Tab> = {
      id: 'requests',
      label: title,
      tabs: [
        { key: 'new', label: msg('Faire une demande') },
        { key: 'history', label: msg('Historique des demandes') },
      ],
      selected: this.tab,
      select: (tab) => this.#select(tab),
      host: this,
    };
    return html`<section aria-labelledby="title">${top}${renderTabList(tabs)}${renderTabPanels(tabs, content)}</section>`;
  }

  #renderHistory(): TemplateResult {
    return renderHistory({
      history: this.#history,
      categories: this.categories,
      children: this.store?.children ?? [],
      level: this.headingLevel + 1,
      timeZone: this.store?.timeZone ?? 'Europe/Paris',
      replyUploads: this.#replyUploads,
      replyErrors: this.replyErrors,
      reply: (id, form) => void this.#reply(id, form),
      download: (attachment) => void this.#download(attachment),
    });
  }

  #renderNew(): TemplateResult {
    if (this.sent) return this.#renderSent(this.sent);
    if (this.categoriesState === 'error') {
      return html`<p class="message error" role="alert">${errorMessage(this.categoriesError)}</p>
        <button type="button" @click=${() => this.#loadCategories()}>${msg('Réessayer')}</button>`;
    }
    if (this.categoriesState !== 'ready') return html`<p class="muted" role="status">${msg('Chargement des thématiques…')}</p>`;
    if (this.categories.length === 0) {
      return html`<p class="empty">${msg('Votre commune ne propose pas encore de demande en ligne.')}</p>`;
    }
    const category = this.#category;
    return html`<form part="form" novalidate @submit=${this.#submit} @change=${this.#onChange} aria-label=${msg('Faire une demande')}>
      ${requiredNotice()}
      ${
        this.formError
          ? html`<p class="message error" role="alert" id="form-error" tabindex="-1">${sendError(this.formError)}</p>`
          : nothing
      }
      ${selectField(
        'category',
        msg('Thématique'),
        this.errors,
        this.categories.map((c) => [c.id, c.title]),
        { required: true, value: this.categoryId, placeholder: msg('Choisissez une thématique') },
      )}
      ${category ? keyed(category.id, this.#renderCategory(category)) : nothing}
    </form>`;
  }

  #renderCategory(category: requests.RequestCategory): TemplateResult {
    const defaults = { children: this.store?.children ?? [], child: this.child };
    return html`<div class="category">
      ${category.helpText ? html`<p class="help">${category.helpText}</p>` : nothing}
      ${heading(this.headingLevel + 1, msg('Informations liées à votre demande'), 'answers-title')}
      ${category.fields.map((field) => renderRequestField(field, this.errors, defaults))}
      <div class="field">
        <label for="message">${msg('Votre message')}</label>
        <textarea
          id="message"
          name="message"
          rows="5"
          maxlength="5000"
          .value=${this.message}
          @input=${(e: Event) => {
            this.message = (e.target as HTMLTextAreaElement).value;
          }}
        ></textarea>
      </div>
      ${category.attachmentTypes.length > 0 ? this.#renderAttachments(category) : nothing}
      <div class="actions">
        <button class="primary" type="submit" part="submit" ?disabled=${this.sending}>
          ${this.sending ? msg('Envoi…') : msg('Envoyer la demande')}
        </button>
      </div>
    </div>`;
  }

  /** Choosing a category shows its form; an answer given clears its field's error. */
  #onChange(event: Event): void {
    const { name, value } = event.target as HTMLInputElement;
    if (name === 'category') this.#choose(value);
    else if (name && this.errors[name]) this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => k !== name));
  }

  #renderAttachments(category: requests.RequestCategory): TemplateResult {
    const required = category.attachmentTypes.some((t) => t.required);
    return html`${heading(
      this.headingLevel + 1,
      required ? msg('Pièce(s) jointe(s) obligatoire(s)') : msg('Pièce(s) jointe(s)'),
      'attachments-title',
    )}
    ${category.attachmentTypes.map((type) =>
      renderAttachmentField({
        id: `file-${type.key}`,
        label: type.label,
        required: type.required,
        upload: this.#uploads.get(type.key),
        error: this.errors[`file-${type.key}`],
        choose: (file) => {
          this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => k !== `file-${type.key}`));
          void this.#uploads.upload(type.key, file, type.key);
        },
        remove: () => this.#uploads.remove(type.key),
      }),
    )}`;
  }

  #renderSent(request: requests.RequestDetail): TemplateResult {
    return html`<div class="message success" part="result">
      ${heading(this.headingLevel + 1, msg('Demande envoyée'), 'sent-title')}
      <p>
        ${msg(
          str`Votre demande « ${request.category.title} » a été transmise au service. Vous recevrez un e-mail à chaque réponse, et vous la suivez dans l'historique des demandes.`,
        )}
      </p>
      <div class="actions">
        ${this.show === 'all' ? html`<button type="button" @click=${() => this.#select('history')}>${msg("Voir l'historique")}</button>` : nothing}
        <button type="button" class="link" @click=${this.#again}>${msg('Faire une autre demande')}</button>
      </div>
    </div>`;
  }

  #again(): void {
    this.sent = null;
    this.#focus.request('#category');
  }
}
