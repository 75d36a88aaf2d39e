import { type adminCatalog, adminEnrolments, adminFamilies, adminHouseholds, adminKitchen } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import type { PropertyValues, TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type * as v from 'valibot';
import { baseStyles } from '../../shared/base.styles.js';
import { formStyles } from '../../shared/form-fields.js';
import { loadElement } from '../../shared/on-demand.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { FormState } from '../shared/form-state.js';
import { PagedList } from '../shared/paged-list.js';
import { tableStyles } from '../shared/table.js';
import { type CreateHost, createSchema, renderCreateHousehold } from './household-create.js';
import { type FileHost, type HouseholdFile, renderHouseholdFile } from './household-file.js';
import { type HouseholdQuery, type HouseholdRow, type ListHost, renderHouseholdList } from './household-list.js';

type View = 'list' | 'create' | 'file';
const PAGE_SIZE = '20';

/**
 * **Familles**: the collectivity's households — search, sort and page through them (on the
 * server), open one's file (guardians and their invitations, children and their enrolments,
 * family quotient, SEPA mandate, notes) — and a new household with its first guardian (invited by email) and
 * its children. Creating a household and enrolling its children is what lets a new family book.
 * Agents and admins.
 *
 * @summary The back office's households: search, list, open, create, enrol.
 * @tagname foyer-admin-households
 *
 * @fires foyer-household-created - A household was created; `detail.household`, `detail.invitation`.
 */
export class FoyerAdminHouseholds extends FoyerAdminElement implements CreateHost, ListHost, FileHost {
  static override styles = [baseStyles, formStyles, tableStyles, adminStyles];

  /** @internal */
  @state() accessor view: View = 'list';
  /** @internal */
  @state() accessor notice = '';
  /** @internal */
  @state() accessor file: HouseholdFile | null = null;
  /** @internal */
  @state() accessor fileState: 'loading' | 'ready' | 'error' = 'loading';
  /** @internal */
  @state() accessor fileError: unknown = null;
  /** @internal */
  activities: adminCatalog.AdminActivity[] = [];
  /** @internal */
  dietGroups: adminKitchen.AdminDietGroup[] = [];
  /** @internal */
  childRows = 1;
  /** @internal */
  readonly createForm = new FormState(this);
  /** @internal */
  readonly forms = {
    details: new FormState(this),
    guardian: new FormState(this),
    child: new FormState(this),
    quotient: new FormState(this),
    note: new FormState(this),
    anonymise: new FormState(this),
  };
  /** The erasure form waiting for the dialog's confirmation. */
  #anonymiseForm: HTMLFormElement | null = null;
  readonly #enrolmentForms = new Map<string, FormState>();
  readonly #childForms = new Map<string, FormState>();
  readonly #dietForms = new Map<string, FormState>();
  /** @internal */
  readonly households = new PagedList<HouseholdRow, HouseholdQuery>(
    this,
    (query, cursor) => {
      const admin = this.admin;
      if (!admin) return Promise.resolve({ items: [], nextCursor: null });
      const sort = query.sort.direction === 'desc' ? `-${query.sort.key}` : query.sort.key;
      return admin.households.list(
        {
          sort: sort as v.InferInput<typeof adminFamilies.HouseholdSort>,
          limit: PAGE_SIZE,
          ...(query.q ? { q: query.q } : {}),
          ...(query.archived ? { archived: 'true' as const } : {}),
          ...(cursor ? { cursor } : {}),
        },
        this.callOptions,
      );
    },
    { q: '', sort: { key: 'name', direction: 'asc' }, archived: false },
  );
  #focus: string | null = null;

  protected override load(): void {
    this.view = 'list';
    this.activities = [];
    this.dietGroups = [];
    void this.households.setQuery({ q: '' });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focus) {
      this.renderRoot.querySelector<HTMLElement>(this.#focus)?.focus();
      this.#focus = null;
    }
  }

  #go(view: View, focus: string): void {
    this.view = view;
    this.#focus = focus;
  }

  /** @internal */
  childForm(childId: string): FormState {
    let form = this.#childForms.get(childId);
    if (!form) {
      form = new FormState(this);
      this.#childForms.set(childId, form);
    }
    return form;
  }

  /** @internal */
  editChild(childId: string, form: HTMLFormElement): void {
    const admin = this.admin;
    const state = this.childForm(childId);
    if (admin)
      void this.#fileChange(
        state,
        form,
        (id) =>
          state.submit(form, adminFamilies.ChildPatch, (body) =>
            admin.households.children.update(id, childId, body, this.callOptions),
          ),
        msg('Enfant modifié.'),
      );
  }

  /** @internal */
  dietForm(childId: string): FormState {
    let form = this.#dietForms.get(childId);
    if (!form) {
      form = new FormState(this);
      this.#dietForms.set(childId, form);
    }
    return form;
  }

  /** @internal */
  setChildDiet(childId: string, form: HTMLFormElement): void {
    const admin = this.admin;
    const state = this.dietForm(childId);
    if (admin)
      void this.#fileChange(
        state,
        form,
        () =>
          state.submit(
            form,
            adminKitchen.ChildDietInput,
            (body) => admin.kitchen.setChildDiet(childId, body, this.callOptions),
            (value) => ({ dietGroupId: value.dietGroupId || null }),
          ),
        msg('Régime enregistré.'),
      );
  }

  /** @internal */
  enrolmentForm(childId: string): FormState {
    let form = this.#enrolmentForms.get(childId);
    if (!form) {
      form = new FormState(this);
      this.#enrolmentForms.set(childId, form);
    }
    return form;
  }

  /** @internal */
  startCreate(): void {
    this.notice = '';
    this.#go('create', 'input[name="name"]');
  }

  /** @internal */
  createHousehold(form: HTMLFormElement): void {
    const admin = this.admin;
    if (!admin) return;
    void this.createForm
      .submit(form, createSchema, (body) => admin.households.create(body, this.callOptions))
      .then((created) => {
        if (!created) return;
        this.childRows = 1;
        this.dispatchEvent(
          new CustomEvent('foyer-household-created', {
            detail: { household: created.household, invitation: created.invitation },
            bubbles: true,
            composed: true,
          }),
        );
        this.openHousehold(created.household.id);
        this.notice = msg(
          str`La famille « ${created.household.name} » est créée : ${created.invitation.email} a reçu une invitation à activer son compte.`,
        );
      });
  }

  /** @internal */
  cancelCreate(): void {
    this.createForm.reset();
    this.#go('list', '#new-household');
  }

  /** @internal */
  openHousehold(id: string): void {
    // The file's « Prélèvement » section comes on demand (see admin/index.ts); a failed load leaves it empty.
    loadElement('foyer-admin-mandate').catch(() => undefined);
    this.notice = '';
    this.file = null;
    this.fileState = 'loading';
    this.#go('file', '#back');
    void this.#loadFile(id);
    const admin = this.admin;
    if (admin && this.activities.length === 0)
      void admin.activities.list({}, this.callOptions).then(({ activities }) => {
        this.activities = activities;
        this.requestUpdate();
      });
    // Read again with each file: an admin may have changed them in the Cuisine section meanwhile.
    if (admin)
      void admin.kitchen.dietGroups(this.callOptions).then(
        ({ dietGroups }) => {
          this.dietGroups = dietGroups;
          this.requestUpdate();
        },
        () => undefined,
      );
  }

  async #loadFile(id: string): Promise<void> {
    const admin = this.admin;
    if (!admin) return;
    try {
      this.file = await admin.households.get(id, this.callOptions);
      this.fileState = 'ready';
      this.#focus = '#file-title';
    } catch (error) {
      this.fileError = error;
      this.fileState = 'error';
    }
  }

  /** @internal */
  backToList(): void {
    this.#go('list', '#q');
    void this.households.reload();
  }

  /** Sends one of the file's forms; on success reloads the file and says what changed. */
  async #fileChange<R>(
    state: FormState,
    form: HTMLFormElement,
    run: (householdId: string) => Promise<R | undefined>,
    done: string,
  ) {
    const id = this.file?.id;
    if (!id) return;
    this.notice = '';
    const result = await run(id);
    if (result === undefined) return;
    form.reset();
    form.closest('details')?.removeAttribute('open');
    state.reset();
    await this.#loadFile(id);
    this.notice = done;
  }

  /** @internal */
  addGuardian(form: HTMLFormElement): void {
    const admin = this.admin;
    const state = this.forms.guardian;
    if (admin)
      void this.#fileChange(
        state,
        form,
        (id) =>
          state.submit(form, adminFamilies.GuardianInput, (body) =>
            admin.households.guardians.create(id, body, this.callOptions),
          ),
        msg('Responsable ajouté.'),
      );
  }

  /** @internal */
  resendInvitation(guardianId: string): void {
    const admin = this.admin;
    const id = this.file?.id;
    if (!admin || !id) return;
    void admin.households.guardians.invite(id, guardianId, this.callOptions).then(
      (g) => {
        this.notice = msg(str`Invitation envoyée à ${g.email ?? ''}.`);
        void this.#loadFile(id);
      },
      (error: unknown) => {
        this.fileError = error;
        this.notice = '';
        this.forms.guardian.error = error;
        this.requestUpdate();
      },
    );
  }

  /** @internal */
  editDetails(form: HTMLFormElement): void {
    const admin = this.admin;
    const state = this.forms.details;
    if (admin)
      void this.#fileChange(
        state,
        form,
        (id) => state.submit(form, adminFamilies.HouseholdPatch, (body) => admin.households.update(id, body, this.callOptions)),
        msg('Foyer modifié.'),
      );
  }

  /** @internal */
  addChild(form: HTMLFormElement): void {
    const admin = this.admin;
    const state = this.forms.child;
    if (admin)
      void this.#fileChange(
        state,
        form,
        (id) =>
          state.submit(form, adminFamilies.ChildInput, (body) => admin.households.children.create(id, body, this.callOptions)),
        msg('Enfant ajouté.'),
      );
  }

  /** @internal */
  enrol(form: HTMLFormElement): void {
    const admin = this.admin;
    const childId = (form.elements.namedItem('childId') as HTMLInputElement | null)?.value ?? '';
    const state = this.enrolmentForm(childId);
    if (admin)
      void this.#fileChange(
        state,
        form,
        () => state.submit(form, adminEnrolments.EnrolmentInput, (body) => admin.enrolments.create(body, this.callOptions)),
        msg('Inscription enregistrée : les jours de cette activité sont réservables.'),
      );
  }

  /** @internal */
  endEnrolment(enrolmentId: string): void {
    const admin = this.admin;
    const id = this.file?.id;
    if (!admin || !id) return;
    void admin.enrolments.end(enrolmentId, this.callOptions).then(async () => {
      await this.#loadFile(id);
      this.notice = msg('Inscription terminée.');
    });
  }

  /** @internal */
  setQuotient(form: HTMLFormElement): void {
    const admin = this.admin;
    const state = this.forms.quotient;
    if (admin)
      void this.#fileChange(
        state,
        form,
        (id) =>
          state.submit(form, adminFamilies.QuotientInput, (body) => admin.households.setQuotient(id, body, this.callOptions)),
        msg('Quotient familial enregistré.'),
      );
  }

  /** @internal */
  addNote(form: HTMLFormElement): void {
    const admin = this.admin;
    const state = this.forms.note;
    if (admin)
      void this.#fileChange(
        state,
        form,
        (id) => state.submit(form, adminFamilies.NoteInput, (body) => admin.households.addNote(id, body, this.callOptions)),
        msg('Note ajoutée.'),
      );
  }

  /** @internal */
  askAnonymise(form: HTMLFormElement): void {
    const reason = new FormData(form).get('reason');
    const state = this.forms.anonymise;
    if (typeof reason !== 'string' || reason.trim() === '') {
      state.errors = { reason: msg('Saisissez le motif.') };
      this.requestUpdate();
      form.querySelector<HTMLElement>('[name="reason"]')?.focus();
      return;
    }
    state.errors = {};
    this.#anonymiseForm = form;
    this.renderRoot.querySelector<HTMLDialogElement>('#anonymise-dialog')?.showModal();
    this.renderRoot.querySelector<HTMLElement>('#anonymise-cancel')?.focus();
  }

  /** @internal */
  confirmAnonymise(confirmed: boolean): void {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#anonymise-dialog');
    if (dialog?.open) dialog.close();
    const form = this.#anonymiseForm;
    this.#anonymiseForm = null;
    const admin = this.admin;
    const state = this.forms.anonymise;
    if (!form) return;
    if (!confirmed || !admin) {
      form.querySelector<HTMLElement>('button[type="submit"]')?.focus();
      return;
    }
    void this.#fileChange(
      state,
      form,
      (id) =>
        state.submit(form, adminHouseholds.AnonymiseHouseholdBody, (body) =>
          admin.households.anonymise(id, body, this.callOptions),
        ),
      msg('Foyer anonymisé.'),
    );
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    if (this.view === 'create') return renderCreateHousehold(this);
    if (this.view === 'file') return renderHouseholdFile(this);
    return renderHouseholdList(this);
  }
}
