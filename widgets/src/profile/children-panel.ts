import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { errorMessage } from '../shared/errors.js';
import { longDate, mediumDate } from '../shared/format.js';
import { heading } from '../shared/heading.js';
import type { Child } from '../shared/store.js';
import type { ProfileHost } from './profile-host.js';

/**
 * **Enfants**: each child's details, school, enrolments, health and the people allowed to pick
 * them up, to read. Allergies and pick-up people change through a request, which an agent
 * checks with its document (a medical certificate, an identity card).
 */
export function renderChildren(host: ProfileHost): TemplateResult {
  const store = host.store;
  if (!store) return html``;
  if (store.childrenState === 'error' && store.children.length === 0) {
    return html`<p class="message error" role="alert">${errorMessage(store.childrenError)}</p>
      <button type="button" @click=${() => store.loadChildren()}>${msg('Réessayer')}</button>`;
  }
  if (store.children.length === 0) {
    return store.childrenState === 'ready'
      ? html`<p class="empty">${msg("Aucun enfant n'est inscrit dans votre foyer.")}</p>`
      : html`<p class="muted" role="status">${msg('Chargement de vos enfants…')}</p>`;
  }
  return html`<p class="hint">
      ${msg("Pour signaler une allergie ou autoriser une personne à venir chercher un enfant, faites une demande : le service l'enregistre après l'avoir vérifiée.")}
    </p>
    <ul class="cards">
      ${store.children.map((child) => renderChild(host, child))}
    </ul>`;
}

function renderChild(host: ProfileHost, child: Child): TemplateResult {
  const id = `child-${child.id}`;
  const level = host.headingLevel + 1;
  const school = [child.school, child.schoolClass].filter(Boolean).join(' — ');
  return html`<li class="card" part="child">
    ${heading(level, `${child.firstName} ${child.lastName}`, id)}
    <dl class="details">
      <dt>${msg('Date de naissance')}</dt>
      <dd>${longDate(child.birthDate)}</dd>
      <dt>${msg('École et classe')}</dt>
      <dd>${school || msg('Non renseignées')}</dd>
      <dt>${msg('Allergies')}</dt>
      <dd>${child.allergies.length > 0 ? child.allergies.join(', ') : msg('Aucune allergie signalée')}</dd>
      <dt>${msg("Projet d'accueil individualisé (PAI)")}</dt>
      <dd>${child.carePlan ? (child.carePlanNotes ? msg(str`Oui — ${child.carePlanNotes}`) : msg('Oui')) : msg('Non')}</dd>
    </dl>
    ${heading(level + 1, msg('Inscriptions'), `${id}-enrolments`)}
    ${
      child.enrolments.length > 0
        ? html`<ul class="list">
          ${child.enrolments.map(
            (e) => html`<li>
              <strong>${e.activity.name}</strong> — ${e.service.name}, ${e.site.name}
              <span class="muted">(${msg(str`du ${mediumDate(e.from)} au ${mediumDate(e.to)}`)})</span>
            </li>`,
          )}
        </ul>`
        : html`<p class="muted">${msg('Aucune inscription.')}</p>`
    }
    ${heading(level + 1, msg("Personnes autorisées à venir chercher l'enfant"), `${id}-pickups`)}
    ${
      child.authorisedPickups.length > 0
        ? html`<ul class="list" part="pickups">
          ${child.authorisedPickups.map(
            (p) => html`<li>
              <strong>${p.name}</strong>${p.relationship ? html` (${p.relationship})` : nothing}${p.phone ? html` — ${p.phone}` : nothing}
            </li>`,
          )}
        </ul>`
        : html`<p class="muted">${msg('Aucune personne autorisée.')}</p>`
    }
    <div class="actions">
      <button type="button" @click=${() => host.openRequest('allergy', child.id)}>
        ${msg(str`Signaler une allergie de ${child.firstName}`)}
      </button>
      <button type="button" @click=${() => host.openRequest('pickup', child.id)}>
        ${msg(str`Autoriser une personne à venir chercher ${child.firstName}`)}
      </button>
    </div>
  </li>`;
}
