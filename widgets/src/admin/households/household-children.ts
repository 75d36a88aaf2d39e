import type { adminFamilies } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { inputField, selectField } from '../../shared/form-fields.js';
import { longDate } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';
import { adminForm } from '../shared/form-render.js';
import type { FileHost, HouseholdFile } from './household-file.js';

function renderEnrolment(host: FileHost, enrolment: adminFamilies.AdminEnrolment): TemplateResult {
  const school = [enrolment.school, enrolment.schoolClass].filter(Boolean).join(' — ');
  return html`<li>
    <strong>${enrolment.activity.name}</strong>
    ${msg(str`du ${longDate(enrolment.from)} au ${longDate(enrolment.to)}`)}${school ? ` · ${school}` : nothing}
    ${
      enrolment.ended
        ? html`<span class="badge">${msg('terminée')}</span>`
        : html`<button type="button" class="link" @click=${() => host.endEnrolment(enrolment.id)}>
            ${msg("Terminer l'inscription")}<span class="visually-hidden"> ${enrolment.activity.name}</span>
          </button>`
    }
  </li>`;
}

/** The enrolment form of one child: the child is a hidden field, the activity a list. */
function enrolForm(host: FileHost, child: adminFamilies.AdminChild): TemplateResult {
  const form = host.enrolmentForm(child.id);
  const errors = form.errors;
  const p = `enrol-${child.id}`;
  const activities = host.activities.filter((a) => !a.archived).map((a): [string, string] => [a.id, `${a.name} (${a.code})`]);
  return html`<details>
    <summary>${msg('Inscrire à une activité')}<span class="visually-hidden"> : ${child.firstName}</span></summary>
    ${adminForm(
      form,
      host.renderRoot,
      { id: `${p}-form`, label: msg(str`Inscrire ${child.firstName}`), submit: msg('Inscrire'), onSubmit: (f) => host.enrol(f) },
      html`<input type="hidden" name="childId" .value=${child.id} />
        <div class="row">
          ${selectField('activityId', msg('Activité'), errors, activities, { id: `${p}-activity`, required: true, placeholder: msg('Choisir…') })}
          ${inputField('from', msg('Du'), errors, { id: `${p}-from`, type: 'date', required: true })}
          ${inputField('to', msg('Au'), errors, { id: `${p}-to`, type: 'date', required: true })}
          ${inputField('school', msg('École'), errors, { id: `${p}-school`, value: child.school ?? '' })}
          ${inputField('schoolClass', msg('Classe'), errors, { id: `${p}-class`, value: child.schoolClass ?? '' })}
        </div>`,
    )}
  </details>`;
}

/** The edit form of one child, filled with what the file says of them. */
function editForm(host: FileHost, child: adminFamilies.AdminChild): TemplateResult {
  const form = host.childForm(child.id);
  const errors = form.errors;
  const p = `edit-${child.id}`;
  return html`<details>
    <summary>${msg("Modifier l'enfant")}<span class="visually-hidden"> : ${child.firstName}</span></summary>
    ${adminForm(
      form,
      host.renderRoot,
      {
        id: `${p}-form`,
        label: msg(str`Modifier ${child.firstName}`),
        submit: msg('Enregistrer les modifications'),
        onSubmit: (f) => host.editChild(child.id, f),
      },
      html`<div class="row">
        ${inputField('firstName', msg('Prénom'), errors, { id: `${p}-firstName`, required: true, value: child.firstName })}
        ${inputField('lastName', msg('Nom'), errors, { id: `${p}-lastName`, required: true, value: child.lastName })}
        ${inputField('birthDate', msg('Date de naissance'), errors, { id: `${p}-birthDate`, type: 'date', required: true, value: child.birthDate })}
        ${inputField('school', msg('École'), errors, { id: `${p}-school`, value: child.school ?? '' })}
        ${inputField('schoolClass', msg('Classe'), errors, { id: `${p}-class`, value: child.schoolClass ?? '' })}
      </div>`,
    )}
  </details>`;
}

/** The child's diet group as the kitchen counts it, and a list to change it (« Aucun »: none). */
function dietForm(host: FileHost, child: adminFamilies.AdminChild): TemplateResult {
  const form = host.dietForm(child.id);
  const p = `diet-${child.id}`;
  const current = host.dietGroups.find((g) => g.id === child.dietGroupId)?.name ?? msg('Aucun');
  return html`<p>${msg('Régime à la cantine :')} <strong id=${`${p}-current`}>${current}</strong></p>
    <details>
      <summary>${msg('Changer le régime')}<span class="visually-hidden"> : ${child.firstName}</span></summary>
      ${adminForm(
        form,
        host.renderRoot,
        {
          id: `${p}-form`,
          label: msg(str`Régime à la cantine de ${child.firstName}`),
          submit: msg('Enregistrer le régime'),
          onSubmit: (f) => host.setChildDiet(child.id, f),
        },
        selectField(
          'dietGroupId',
          msg('Régime'),
          form.errors,
          [['', msg('Aucun')], ...host.dietGroups.map((g): [string, string] => [g.id, g.name])],
          { id: `${p}-group`, value: child.dietGroupId ?? '', hint: msg('Les régimes se définissent dans la section Cuisine.') },
        ),
      )}
    </details>`;
}

function renderChild(host: FileHost, child: adminFamilies.AdminChild): TemplateResult {
  const level = host.headingLevel + 2;
  const school = [child.school, child.schoolClass].filter(Boolean).join(' — ');
  return html`<li class="card">
    ${heading(level, `${child.firstName} ${child.lastName}`, `child-${child.id}`)}
    <p>${msg(str`Né(e) le ${longDate(child.birthDate)}`)}${school ? ` · ${school}` : nothing}</p>
    ${
      child.enrolments.length > 0
        ? html`<ul aria-label=${msg(str`Inscriptions de ${child.firstName}`)}>
          ${child.enrolments.map((e) => renderEnrolment(host, e))}
        </ul>`
        : html`<p class="muted">${msg('Aucune inscription : cet enfant ne peut encore rien réserver.')}</p>`
    }
    ${dietForm(host, child)} ${editForm(host, child)} ${enrolForm(host, child)}
  </li>`;
}

/** The household's children, each with their enrolments and a form to enrol them; a form to add a child. */
export function renderChildren(host: FileHost, file: HouseholdFile): TemplateResult {
  const errors = host.forms.child.errors;
  return html`<section aria-labelledby="children-title">
    ${heading(host.headingLevel + 1, msg('Enfants et inscriptions'), 'children-title')}
    ${
      file.children.length > 0
        ? html`<ul class="cards">
          ${file.children.map((c) => renderChild(host, c))}
        </ul>`
        : html`<p class="muted">${msg('Aucun enfant.')}</p>`
    }
    <details>
      <summary>${msg('Ajouter un enfant')}</summary>
      ${adminForm(
        host.forms.child,
        host.renderRoot,
        { id: 'child-form', label: msg('Ajouter un enfant'), submit: msg("Ajouter l'enfant"), onSubmit: (f) => host.addChild(f) },
        html`<div class="row">
          ${inputField('firstName', msg('Prénom'), errors, { id: 'c-firstName', required: true })}
          ${inputField('lastName', msg('Nom'), errors, { id: 'c-lastName', required: true, value: file.name.replace(/^Famille\s+/i, '') })}
          ${inputField('birthDate', msg('Date de naissance'), errors, { id: 'c-birthDate', type: 'date', required: true })}
          ${inputField('school', msg('École'), errors, { id: 'c-school' })}
          ${inputField('schoolClass', msg('Classe'), errors, { id: 'c-schoolClass' })}
        </div>`,
      )}
    </details>
  </section>`;
}
