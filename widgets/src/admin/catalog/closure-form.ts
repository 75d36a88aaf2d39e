import type { adminCatalog } from '@foyer/sdk';
import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { type FieldErrors, inputField, selectField } from '../../shared/form-fields.js';

type Closure = adminCatalog.AdminClosure;
type Named = { id: string; name: string; archived: boolean };

/**
 * What the closure form's controls say, as the contract's `ClosureInput`: "Tous les sites" and
 * "Toutes les activités" are `null`, so that an edit can widen a closure back to the whole town
 * (a control left empty would otherwise be left out of the patch, and keep the old scope).
 */
export function adjustClosure(value: Record<string, unknown>): unknown {
  return { ...value, siteId: value.siteId ?? null, activityId: value.activityId ?? null };
}

/**
 * The choices of a select: the items not archived, and the one the closure names even when it is
 * archived or not loaded — otherwise the select would show "Tous…" and saving would widen it.
 */
function choicesOf<T extends Named>(
  items: T[],
  currentId: string | null | undefined,
  unknown: string,
  label: (item: T) => string = (item) => item.name,
): [string, string][] {
  const choices: [string, string][] = items.filter((i) => !i.archived || i.id === currentId).map((i) => [i.id, label(i)]);
  if (currentId && !choices.some(([id]) => id === currentId)) choices.push([currentId, unknown]);
  return choices;
}

/** The closure form's fields, filled with `current` when editing. */
export function closureFields(
  errors: FieldErrors,
  sites: adminCatalog.AdminSite[],
  activities: adminCatalog.AdminActivity[],
  current?: Closure,
): TemplateResult {
  return html`<div class="row">
      ${inputField('from', msg('Premier jour'), errors, { id: 'cl-from', type: 'date', required: true, value: current?.from ?? '' })}
      ${inputField('to', msg('Dernier jour'), errors, { id: 'cl-to', type: 'date', required: true, value: current?.to ?? '' })}
      ${selectField('siteId', msg('Site'), errors, choicesOf(sites, current?.siteId, msg('site archivé')), {
        id: 'cl-site',
        placeholder: msg('Tous les sites'),
        hint: msg('Sans site ni activité : toute la collectivité.'),
        value: current?.siteId ?? '',
      })}
      ${selectField(
        'activityId',
        msg('Activité'),
        errors,
        choicesOf(activities, current?.activityId, msg('activité archivée'), (a) => `${a.name} (${a.code})`),
        { id: 'cl-activity', placeholder: msg('Toutes les activités'), value: current?.activityId ?? '' },
      )}
      ${inputField('reason', msg('Motif'), errors, { id: 'cl-reason', required: true, maxlength: 200, value: current?.reason ?? '' })}
    </div>`;
}
