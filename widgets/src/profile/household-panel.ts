import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { errorMessage } from '../shared/errors.js';
import { inputField, requiredNotice } from '../shared/form-fields.js';
import { heading } from '../shared/heading.js';
import { checkForm, type FormState, formValues, idleForm, type ProfileHost, runForm } from './profile-host.js';

/**
 * **Foyer**: the household's name, département and phone, saved at once; the home address,
 * shown, changes through a request with a proof of address.
 */
export class HouseholdPanel {
  readonly #host: ProfileHost;
  readonly form: FormState = idleForm();
  saved = false;
  /** The data archive's download: busy meanwhile, then done or its refusal. */
  readonly download: { busy: boolean; done: boolean; error: unknown } = { busy: false, done: false, error: null };

  constructor(host: ProfileHost) {
    this.#host = host;
  }

  reset(): void {
    Object.assign(this.form, idleForm());
    this.saved = false;
    Object.assign(this.download, { busy: false, done: false, error: null });
  }

  /** Downloads the household's data archive and hands it to the browser as a file. */
  async #downloadData(): Promise<void> {
    const store = this.#host.store;
    if (!store || this.download.busy) return;
    Object.assign(this.download, { busy: true, done: false, error: null });
    this.#host.requestUpdate();
    try {
      const archive = await store.client.household.export(store.callOptions);
      const url = URL.createObjectURL(archive.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = archive.filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.download.done = true;
    } catch (error) {
      this.download.error = error;
    } finally {
      this.download.busy = false;
      this.#host.requestUpdate();
      this.#host.focusAfterRender('#data-status');
    }
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const store = this.#host.store;
    if (!store) return;
    const { name = '', department = '', phone = '' } = formValues(event.target as HTMLFormElement);
    this.saved = false;
    if (!checkForm(this.#host, this.form, 'household-form', { name: !name && msg('Saisissez le nom de la famille.') })) return;
    const done = await runForm(this.#host, this.form, 'household-form', async () => {
      this.#host.household = await store.client.household.update(
        { name, department: department || null, phone: phone || null },
        store.callOptions,
      );
    });
    if (done) {
      this.saved = true;
      this.#host.focusAfterRender('#household-saved');
    }
  }

  render(): TemplateResult {
    const household = this.#host.household;
    if (!household) return html``;
    const form = this.form;
    const level = this.#host.headingLevel + 1;
    const address = household.address;
    return html`<form
        id="household-form"
        part="form"
        novalidate
        @submit=${(e: SubmitEvent) => this.#save(e)}
        aria-labelledby="household-title"
      >
        ${heading(level, msg('Informations du foyer'), 'household-title')} ${requiredNotice()}
        ${
          this.saved
            ? html`<p class="message success" role="status" id="household-saved" tabindex="-1">
              ${msg('Les informations du foyer sont enregistrées.')}
            </p>`
            : nothing
        }
        ${form.error ? html`<p class="message error" role="alert" tabindex="-1">${errorMessage(form.error)}</p>` : nothing}
        ${inputField('name', msg('Nom de la famille'), form.errors, {
          value: household.name,
          required: true,
          hint: msg('Cette information sera utilisée pour le nom de votre foyer.'),
        })}
        ${inputField('department', msg('Département'), form.errors, {
          value: household.department ?? '',
          maxlength: 3,
          hint: msg('Son numéro, par exemple 31, 2A ou 974.'),
        })}
        ${inputField('phone', msg('Téléphone du foyer'), form.errors, {
          value: household.phone ?? '',
          type: 'tel',
          autocomplete: 'tel',
          hint: msg('Par exemple 05 61 00 00 00.'),
        })}
        <div class="actions">
          <button class="primary" type="submit" part="submit" ?disabled=${form.busy}>${msg('Enregistrer')}</button>
        </div>
      </form>

      <section aria-labelledby="address-title">
        ${heading(level, msg('Adresse du domicile'), 'address-title')}
        ${
          address
            ? html`<p class="address">
              ${address.line1}<br />${address.line2 ? html`${address.line2}<br />` : nothing}${address.postalCode} ${address.city}
            </p>`
            : html`<p class="muted">${msg('Aucune adresse enregistrée.')}</p>`
        }
        <p class="hint">
          ${msg("L'adresse se change par une demande, avec un justificatif de domicile : le service la vérifie avant de l'enregistrer.")}
        </p>
        <button type="button" @click=${() => this.#host.openRequest('address')}>${msg("Demander un changement d'adresse")}</button>
      </section>

      <section aria-labelledby="data-title">
        ${heading(level, msg('Mes données'), 'data-title')}
        <button type="button" id="download-data" ?disabled=${this.download.busy} aria-describedby="data-status" @click=${() => this.#downloadData()}>
          ${msg('Télécharger mes données')}
        </button>
        <p id="data-status" tabindex="-1" role=${this.download.error ? 'alert' : 'status'} class=${this.download.error ? 'message error' : 'muted'}>
          ${
            this.download.error
              ? errorMessage(this.download.error)
              : this.download.busy
                ? nothing
                : this.download.done
                  ? msg('Archive téléchargée.')
                  : nothing
          }
        </p>
      </section>`;
  }
}
