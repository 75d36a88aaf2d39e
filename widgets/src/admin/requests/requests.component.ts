import { adminRequests, type requests } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type * as v from 'valibot';
import { baseStyles } from '../../shared/base.styles.js';
import { errorMessage } from '../../shared/errors.js';
import { FocusAfterRender } from '../../shared/focus-after-render.js';
import { formStyles } from '../../shared/form-fields.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { FormState } from '../shared/form-state.js';
import { PagedList } from '../shared/paged-list.js';
import { tableStyles } from '../shared/table.js';
import { type ActionForm, type DetailHost, type Preview, renderRequestDetail } from './request-detail.js';
import { type InboxQuery, type InboxRow, type ListHost, renderRequestList } from './request-list.js';
import { OPEN_STATUSES, statusLabel } from './request-status.js';
import { FoyerRequestsUnreadChangedEvent } from './unread-changed.js';

type Detail = adminRequests.AdminRequestDetail;
type Category = requests.RequestCategory;
const PAGE_SIZE = '25';

/** What each action sends, checked with the contract's schema before it goes. */
const ACTIONS: Record<ActionForm, { schema: v.GenericSchema; adjust?: (value: Record<string, unknown>) => unknown }> = {
  assign: { schema: adminRequests.AssignBody },
  reply: { schema: adminRequests.AgentMessageBody },
  needsInfo: { schema: adminRequests.NeedsInfoBody },
  accept: { schema: adminRequests.DecisionBody, adjust: (value) => ({ ...value, decision: 'accept' }) },
  reject: { schema: adminRequests.DecisionBody, adjust: (value) => ({ ...value, decision: 'reject' }) },
};

/**
 * **Demandes**: the families' requests. The inbox is filtered (status, category, assignee —
 * "à moi", "non assignées") and paged by the API, newest first, each request marked when it
 * holds family writing the signed-in agent has not read. Opening one shows its answers, its
 * documents (read inline: images as images, PDFs in the page or a new tab, each read audited by
 * the API) and its thread; the agent assigns it, answers, asks for information, accepts it (its
 * change applies to the family file) or refuses it with a reason. Agents and admins.
 *
 * @summary The back office's requests inbox.
 * @tagname foyer-admin-requests
 *
 * @fires foyer-requests-unread-changed - The number of requests unread by the agent changed; `detail.unreadCount`.
 */
export class FoyerAdminRequests extends FoyerAdminElement implements ListHost, DetailHost {
  static override styles = [
    baseStyles,
    formStyles,
    tableStyles,
    adminStyles,
    css`
      .badge.unread {
        background: var(--_primary);
        border-color: var(--_primary);
        color: var(--_on-primary, #fff);
        font-weight: 700;
      }
      button.back {
        min-height: 2.75rem;
      }
      .thread,
      .attachments {
        list-style: none;
        margin: 0 0 var(--_space);
        padding: 0;
        display: grid;
        gap: calc(var(--_space) / 2);
      }
      .thread li {
        padding: calc(var(--_space) / 2) var(--_space);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      .thread li.agent {
        margin-inline-start: 2rem;
        background: var(--_surface-alt);
      }
      .thread p {
        margin: 0;
        white-space: pre-wrap;
      }
      .attachments li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
      }
      .preview {
        flex-basis: 100%;
        margin: 0;
      }
      .preview img {
        max-width: 100%;
        max-height: 40rem;
        border: 1px solid var(--_border);
      }
      .preview object {
        width: 100%;
        height: 40rem;
        border: 1px solid var(--_border);
      }
    `,
  ];

  /** @internal */
  @state() accessor view: 'list' | 'detail' = 'list';
  /** @internal */
  @state() accessor detail: Detail | null = null;
  /** @internal */
  @state() accessor detailError: unknown = null;
  /** @internal */
  @state() accessor notice = '';
  /** @internal */
  @state() accessor unreadCount: number | null = null;
  /** @internal */
  @state() accessor categories: Category[] = [];
  /** @internal */
  @state() accessor assignees: { id: string; name: string }[] = [];
  readonly #previews = new Map<string, Preview>();
  readonly #forms = new Map<ActionForm, FormState>();
  readonly #focus = new FocusAfterRender(this);

  /** @internal */
  readonly inbox = new PagedList<InboxRow, InboxQuery>(
    this,
    async (query, cursor) => {
      const store = this.store;
      if (!store) return { items: [], nextCursor: null };
      const assignedTo = query.assignee === 'me' ? (this.myAccountId ?? undefined) : query.assignee || undefined;
      const page = await store.client.method(adminRequests.listInbox)(
        {
          limit: PAGE_SIZE,
          ...(query.status ? { status: query.status } : {}),
          ...(query.category ? { category: query.category } : {}),
          ...(assignedTo ? { assignedTo } : {}),
          ...(cursor ? { cursor } : {}),
        },
        this.callOptions,
      );
      this.#setUnread(page.unreadCount);
      return page;
    },
    { status: OPEN_STATUSES, category: '', assignee: '' },
  );

  /** @internal */
  get myAccountId(): string | null {
    return this.store?.me?.account.id ?? null;
  }

  protected override load(): void {
    this.view = 'list';
    this.detail = null;
    this.#clearPreviews();
    void this.inbox.setQuery({ category: '', assignee: '' });
    void this.#loadChoices();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#clearPreviews();
  }

  async #loadChoices(): Promise<void> {
    const admin = this.admin;
    if (!admin) return;
    try {
      const [{ categories }, { assignees }] = await Promise.all([
        admin.requestCategories.list(this.callOptions),
        admin.requests.assignees(this.callOptions),
      ]);
      this.categories = categories;
      // The caller has « M'assigner la demande » and « À moi »: the list names the colleagues.
      this.assignees = assignees
        .filter((a) => a.accountId !== this.myAccountId)
        .map((a) => ({ id: a.accountId, name: a.displayName || msg('(sans nom)') }));
    } catch (error) {
      this.detailError = error;
    }
  }

  #setUnread(count: number): void {
    if (count === this.unreadCount) return;
    this.unreadCount = count;
    this.dispatchEvent(new FoyerRequestsUnreadChangedEvent({ unreadCount: count }));
  }

  #clearPreviews(): void {
    for (const preview of this.#previews.values()) if (preview.state === 'ready') URL.revokeObjectURL(preview.url);
    this.#previews.clear();
  }

  /** @internal */
  fieldLabel(categoryId: string, key: string): string {
    return this.categories.find((c) => c.id === categoryId)?.fields.find((f) => f.key === key)?.label ?? key;
  }

  /** @internal */
  form(name: ActionForm): FormState {
    let form = this.#forms.get(name);
    if (!form) {
      form = new FormState(this);
      this.#forms.set(name, form);
    }
    return form;
  }

  /** @internal */
  preview(id: string): Preview | undefined {
    return this.#previews.get(id);
  }

  /** @internal */
  showAttachment(attachment: Detail['attachments'][number]): void {
    const admin = this.admin;
    if (!admin) return;
    this.#previews.set(attachment.id, { state: 'loading' });
    this.requestUpdate();
    admin.attachments.download(attachment.id, this.callOptions).then(
      (file) => {
        this.#previews.set(attachment.id, { state: 'ready', url: URL.createObjectURL(file.blob), contentType: file.contentType });
        this.requestUpdate();
      },
      (error: unknown) => {
        this.#previews.set(attachment.id, { state: 'error', error });
        this.requestUpdate();
      },
    );
  }

  /** @internal */
  openRequest(id: string): void {
    const admin = this.admin;
    if (!admin) return;
    this.#clearPreviews();
    for (const form of this.#forms.values()) form.reset();
    this.notice = '';
    this.detailError = null;
    admin.requests.get(id, this.callOptions).then(
      (detail) => {
        this.detail = detail;
        this.view = 'detail';
        this.#focus.request('#request-title');
        // Opening read it: the count and the marks follow.
        void this.inbox.reload();
      },
      (error: unknown) => {
        this.detailError = error;
      },
    );
  }

  /** @internal */
  backToList(): void {
    this.view = 'list';
    this.detail = null;
    this.#clearPreviews();
    void this.inbox.reload();
    this.#focus.request('#title');
  }

  #done(detail: Detail, notice: string): void {
    this.detail = detail;
    this.detailError = null;
    this.notice = notice;
    for (const form of this.#forms.values()) form.reset();
    for (const form of this.renderRoot.querySelectorAll('form')) form.reset();
    this.#focus.request('.notice');
  }

  /** @internal */
  assignToMe(): void {
    const admin = this.admin;
    const detail = this.detail;
    if (!admin || !detail) return;
    admin.requests.assign(detail.id, {}, this.callOptions).then(
      (updated) => this.#done(updated, msg(str`Demande assignée à vous. Statut : ${statusLabel(updated.status)}.`)),
      (error: unknown) => {
        this.detailError = error;
        this.#focus.request('.detail-error');
      },
    );
  }

  /** @internal */
  submit(name: ActionForm, form: HTMLFormElement): void {
    const admin = this.admin;
    const detail = this.detail;
    if (!admin || !detail) return;
    const id = detail.id;
    const send = (value: unknown): Promise<Detail> => {
      // The schema of `ACTIONS[name]` checked `value`: it is this action's body.
      const body = value as never;
      switch (name) {
        case 'assign':
          return admin.requests.assign(id, body, this.callOptions);
        case 'reply':
          return admin.requests.reply(id, body, this.callOptions);
        case 'needsInfo':
          return admin.requests.needsInfo(id, body, this.callOptions);
        case 'accept':
        case 'reject':
          return admin.requests.decide(id, body, this.callOptions);
      }
    };
    const { schema, adjust } = ACTIONS[name];
    void this.form(name)
      .submit(form, schema, send, adjust)
      .then((updated) => {
        if (!updated) return;
        const status = statusLabel(updated.status);
        const notices: Record<ActionForm, string> = {
          assign: msg(str`Demande assignée à ${updated.assignedTo?.name ?? ''}. Statut : ${status}.`),
          reply: msg(str`Réponse envoyée : la famille est prévenue par e-mail. Statut : ${status}.`),
          needsInfo: msg('Demande d’informations envoyée : la demande attend la réponse de la famille.'),
          accept: msg('Demande acceptée : le changement est appliqué et la famille est prévenue.'),
          reject: msg('Demande refusée : la famille reçoit le motif.'),
        };
        this.#done(updated, notices[name]);
      });
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    const error = this.detailError
      ? html`<p class="message error detail-error" role="alert" tabindex="-1">${errorMessage(this.detailError)}</p>`
      : nothing;
    if (this.view === 'detail' && this.detail) {
      return html`<p class=${this.notice ? 'message success notice' : 'visually-hidden notice'} role="status" tabindex="-1">
          ${this.notice}
        </p>
        ${error} ${renderRequestDetail(this, this.detail)}`;
    }
    return html`${error} ${renderRequestList(this)}`;
  }
}
