import { adminKitchen, type CallOptions } from '@foyer/sdk';
import type { AdminNamespace } from '@foyer/sdk/admin';
import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { errorMessage } from '../../shared/errors.js';
import { FocusAfterRender } from '../../shared/focus-after-render.js';
import { inputField } from '../../shared/form-fields.js';
import { heading } from '../../shared/heading.js';
import { adminForm } from '../shared/form-render.js';
import { FormState } from '../shared/form-state.js';

type Group = adminKitchen.AdminDietGroup;

/** What the editor reaches through the section showing it. */
export interface DietGroupsOptions {
  admin(): AdminNamespace | undefined;
  callOptions(): CallOptions;
  /** Whether the signed-in agent may define groups (the contract's roles: admins). */
  canEdit(): boolean;
  /** The groups changed: the counts are read again. */
  changed(): void;
}

/**
 * The town's diet groups in the Cuisine section: listed for everyone who sees the counts;
 * created, renamed, moved up or down (the counts' order) and deleted after a confirmation by
 * those the contract admits (admins).
 */
export class DietGroupsEditor implements ReactiveController {
  groups: Group[] | null = null;
  error: unknown = null;
  notice = '';
  /** The group whose deletion waits for a confirmation. */
  deleting: Group | null = null;
  readonly createForm: FormState;
  readonly #renameForms = new Map<string, FormState>();
  readonly #focus: FocusAfterRender;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: ParentNode },
    private readonly options: DietGroupsOptions,
  ) {
    host.addController(this);
    this.createForm = new FormState(host);
    this.#focus = new FocusAfterRender(host);
  }

  hostConnected(): void {}

  get canEdit(): boolean {
    return this.options.canEdit();
  }

  get root(): ParentNode {
    return this.host.renderRoot;
  }

  /** Reads the groups again. */
  async load(): Promise<void> {
    const admin = this.options.admin();
    if (!admin) return;
    try {
      this.groups = (await admin.kitchen.dietGroups(this.options.callOptions())).dietGroups;
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.host.requestUpdate();
  }

  renameForm(id: string): FormState {
    let form = this.#renameForms.get(id);
    if (!form) {
      form = new FormState(this.host);
      this.#renameForms.set(id, form);
    }
    return form;
  }

  async #changed(notice: string, focus?: string): Promise<void> {
    await this.load();
    this.notice = notice;
    this.options.changed();
    this.#focus.request(focus ?? '#diet-notice');
  }

  async create(form: HTMLFormElement): Promise<void> {
    const admin = this.options.admin();
    if (!admin) return;
    const position = this.groups?.length ?? 0;
    const created = await this.createForm.submit(
      form,
      adminKitchen.DietGroupInput,
      (body) => admin.kitchen.createDietGroup(body, this.options.callOptions()),
      (value) => ({ ...value, position }),
    );
    if (!created) return;
    form.reset();
    await this.#changed(msg(str`Régime « ${created.name} » ajouté.`));
  }

  async rename(group: Group, form: HTMLFormElement): Promise<void> {
    const admin = this.options.admin();
    if (!admin) return;
    const renamed = await this.renameForm(group.id).submit(form, adminKitchen.DietGroupUpdate, (body) =>
      admin.kitchen.updateDietGroup(group.id, body, this.options.callOptions()),
    );
    if (!renamed) return;
    form.closest('details')?.removeAttribute('open');
    await this.#changed(msg(str`Régime « ${group.name} » renommé en « ${renamed.name} ».`));
  }

  async move(group: Group, by: -1 | 1): Promise<void> {
    const admin = this.options.admin();
    const index = this.groups?.indexOf(group) ?? -1;
    if (!admin || index < 0) return;
    try {
      await admin.kitchen.updateDietGroup(group.id, { position: index + by }, this.options.callOptions());
    } catch (error) {
      this.error = error;
      this.host.requestUpdate();
      return;
    }
    const last = (this.groups?.length ?? 1) - 1;
    const target = index + by;
    // The focus stays on the group moved: on the same button, or on the other one at an end.
    const atEnd = target === 0 || target === last;
    const direction = by < 0 !== atEnd ? 'up' : 'down';
    await this.#changed(msg(str`Régime « ${group.name} » déplacé en position ${target + 1}.`), `#diet-${group.id}-${direction}`);
  }

  askDelete(group: Group): void {
    this.deleting = group;
    this.notice = '';
    this.#focus.request('#diet-confirm-title');
  }

  cancelDelete(): void {
    const group = this.deleting;
    this.deleting = null;
    if (group) this.#focus.request(`#diet-${group.id}-delete`);
  }

  async confirmDelete(): Promise<void> {
    const admin = this.options.admin();
    const group = this.deleting;
    if (!admin || !group) return;
    this.deleting = null;
    try {
      await admin.kitchen.deleteDietGroup(group.id, this.options.callOptions());
    } catch (error) {
      this.error = error;
      this.host.requestUpdate();
      return;
    }
    await this.#changed(msg(str`Régime « ${group.name} » supprimé.`));
  }
}

function childrenLabel(n: number): string {
  return n === 1 ? msg('1 enfant') : msg(str`${n} enfants`);
}

function renderActions(editor: DietGroupsEditor, group: Group, index: number, count: number): TemplateResult {
  const form = editor.renameForm(group.id);
  const p = `diet-${group.id}`;
  return html`<div class="actions">
      ${
        index > 0
          ? html`<button type="button" id=${`${p}-up`} @click=${() => editor.move(group, -1)}>
            ${msg('Monter')}<span class="visually-hidden"> ${group.name}</span>
          </button>`
          : nothing
      }
      ${
        index < count - 1
          ? html`<button type="button" id=${`${p}-down`} @click=${() => editor.move(group, 1)}>
            ${msg('Descendre')}<span class="visually-hidden"> ${group.name}</span>
          </button>`
          : nothing
      }
      <button type="button" class="danger" id=${`${p}-delete`} @click=${() => editor.askDelete(group)}>
        ${msg('Supprimer')}<span class="visually-hidden"> ${group.name}</span>
      </button>
    </div>
    <details>
      <summary>${msg('Renommer')}<span class="visually-hidden"> ${group.name}</span></summary>
      ${adminForm(
        form,
        editor.root,
        {
          id: `${p}-rename`,
          label: msg(str`Renommer ${group.name}`),
          submit: msg('Renommer'),
          onSubmit: (f) => editor.rename(group, f),
        },
        inputField('name', msg('Nouveau nom'), form.errors, { id: `${p}-name`, required: true, value: group.name }),
      )}
    </details>`;
}

function renderConfirm(editor: DietGroupsEditor, group: Group, level: number): TemplateResult {
  const n = group.children;
  return html`<section class="confirm" aria-labelledby="diet-confirm-title">
    <div id="diet-confirm-title" tabindex="-1">${heading(level + 1, msg(str`Supprimer le régime « ${group.name} » ?`))}</div>
    <p>
      ${
        n === 0
          ? msg('Aucun enfant n’est dans ce régime.')
          : n === 1
            ? msg('L’enfant de ce régime n’aura plus de régime (« Aucun ») : la cuisine le comptera sans régime particulier.')
            : msg(
                str`Les ${n} enfants de ce régime n’auront plus de régime (« Aucun ») : la cuisine les comptera sans régime particulier.`,
              )
      }
      ${msg('Leurs réservations ne changent pas. La suppression est définitive.')}
    </p>
    <div class="actions">
      <button type="button" id="diet-confirm-cancel" @click=${() => editor.cancelDelete()}>${msg('Annuler')}</button>
      <button type="button" class="danger" id="diet-confirm-delete" @click=${() => editor.confirmDelete()}>
        ${msg('Supprimer le régime')}
      </button>
    </div>
  </section>`;
}

/** The diet groups' part of the Cuisine section. */
export function renderDietGroups(editor: DietGroupsEditor, level: number): TemplateResult {
  const groups = editor.groups;
  const edit = editor.canEdit;
  return html`<section class="no-print" aria-labelledby="diet-groups-title">
    ${heading(level, msg('Régimes alimentaires'), 'diet-groups-title')}
    <p class="muted">
      ${msg('Les repas de chaque régime sont comptés à part, dans cet ordre. Le régime d’un enfant se choisit dans son dossier (section Familles).')}
    </p>
    <p class=${editor.notice ? 'message success' : 'visually-hidden'} id="diet-notice" role="status" tabindex="-1">${editor.notice}</p>
    ${editor.error ? html`<p class="message error" role="alert">${errorMessage(editor.error)}</p>` : nothing}
    ${
      groups === null
        ? html`<p class="muted">${msg('Chargement…')}</p>`
        : groups.length === 0
          ? html`<p class="muted">${msg('Aucun régime défini : tous les repas sont comptés ensemble.')}</p>`
          : html`<table id="diet-groups">
            <caption class="visually-hidden">${msg('Régimes alimentaires de la commune')}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Régime')}</th>
                <th scope="col">${msg('Enfants')}</th>
                ${edit ? html`<th scope="col">${msg('Actions')}</th>` : nothing}
              </tr>
            </thead>
            <tbody>
              ${groups.map(
                (g, i) => html`<tr>
                  <th scope="row">${g.name}</th>
                  <td>${childrenLabel(g.children)}</td>
                  ${edit ? html`<td>${renderActions(editor, g, i, groups.length)}</td>` : nothing}
                </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${editor.deleting ? renderConfirm(editor, editor.deleting, level) : nothing}
    ${
      edit
        ? html`<details>
          <summary>${msg('Ajouter un régime')}</summary>
          ${adminForm(
            editor.createForm,
            editor.root,
            {
              id: 'diet-create',
              label: msg('Ajouter un régime'),
              submit: msg('Ajouter le régime'),
              onSubmit: (f) => editor.create(f),
            },
            inputField('name', msg('Nom du régime'), editor.createForm.errors, {
              id: 'diet-create-name',
              required: true,
              hint: msg('Par exemple : sans porc, végétarien, PAI.'),
            }),
          )}
        </details>`
        : nothing
    }
  </section>`;
}
