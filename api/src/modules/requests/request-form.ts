/**
 * The rules of a request category's form, without I/O: what a category must declare, and
 * whether a parent's answers fit it.
 */
import type { requests } from '@foyer/sdk/contract';
import { isLocalDate } from '../../domain/index.js';
import type { FieldError } from '../../lib/api-error.js';

export type RequestField = requests.RequestField;
export type RequestEffect = requests.RequestEffect;

interface AttachmentTypeSpec {
  key: string;
  label: string;
  required: boolean;
}

/** The form of a category, as stored. */
export interface CategoryForm {
  fields: RequestField[];
  attachmentTypes: AttachmentTypeSpec[];
  effect: RequestEffect | null;
}

const MAX_LENGTH = { text: 500, textarea: 5000 };

/**
 * The fields an effect reads when its request is accepted: each must exist with this type, and
 * be required when marked so. Others are optional, used when present.
 */
export const EFFECT_FIELDS: Record<RequestEffect, { key: string; type: RequestField['type']; required: boolean }[]> = {
  address: [
    { key: 'line1', type: 'text', required: true },
    { key: 'line2', type: 'text', required: false },
    { key: 'postalCode', type: 'text', required: true },
    { key: 'city', type: 'text', required: true },
  ],
  allergy: [
    { key: 'child', type: 'child', required: true },
    { key: 'allergens', type: 'text', required: true },
    { key: 'carePlan', type: 'choice', required: false },
    { key: 'details', type: 'textarea', required: false },
  ],
  pickup: [
    { key: 'child', type: 'child', required: true },
    { key: 'person', type: 'text', required: true },
    { key: 'relationship', type: 'text', required: false },
    { key: 'phone', type: 'text', required: false },
  ],
};

/**
 * What is wrong with a category an agent configures, as field errors; empty when it is usable.
 * Keys are unique, and a category with an effect has the fields that effect reads.
 *
 * @example categoryProblems({ fields: [], attachmentTypes: [], effect: 'pickup' })
 * // [{ path: 'body.fields', message: 'the pickup effect needs a required child field "child"' }, …]
 */
export function categoryProblems(form: CategoryForm): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  form.fields.forEach((field, i) => {
    if (seen.has(field.key)) problems.push({ path: `body.fields.${i}.key`, message: `"${field.key}" is used twice` });
    seen.add(field.key);
    if (field.type === 'choice' && new Set(field.options).size !== field.options.length) {
      problems.push({ path: `body.fields.${i}.options`, message: 'lists an option twice' });
    }
  });
  const types = new Set<string>();
  form.attachmentTypes.forEach((type, i) => {
    if (types.has(type.key)) problems.push({ path: `body.attachmentTypes.${i}.key`, message: `"${type.key}" is used twice` });
    types.add(type.key);
  });
  if (form.effect) {
    for (const expected of EFFECT_FIELDS[form.effect]) {
      const field = form.fields.find((f) => f.key === expected.key);
      if (field && field.type === expected.type && (field.required || !expected.required)) continue;
      if (!field && !expected.required) continue;
      const kind = expected.required ? `a required ${expected.type} field` : `a ${expected.type} field`;
      problems.push({ path: 'body.fields', message: `the ${form.effect} effect needs ${kind} "${expected.key}"` });
    }
  }
  return problems;
}

/** Answers that fit the form: trimmed, blanks dropped; and the child they name, if any. */
export interface CheckedAnswers {
  answers: Record<string, string>;
  childId: string | null;
  errors: FieldError[];
}

/**
 * Checks a parent's answers against a category's fields: no unknown key, required ones present,
 * lengths, dates, choice options, and a child picker naming one of the household's children.
 *
 * @example checkAnswers(fields, { child: aliceId, person: 'Carmen Ruiz' }, new Set([aliceId]))
 * // { answers: { child: aliceId, person: 'Carmen Ruiz' }, childId: aliceId, errors: [] }
 */
export function checkAnswers(
  fields: RequestField[],
  raw: Record<string, string>,
  householdChildren: Set<string>,
): CheckedAnswers {
  const errors: FieldError[] = [];
  const answers: Record<string, string> = {};
  let childId: string | null = null;
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) errors.push({ path: `body.answers.${key}`, message: 'is not a field of this category' });
  }
  for (const field of fields) {
    const path = `body.answers.${field.key}`;
    const value = raw[field.key]?.trim() ?? '';
    if (value === '') {
      if (field.required) errors.push({ path, message: `is required (${field.label})` });
      continue;
    }
    if ((field.type === 'text' || field.type === 'textarea') && value.length > MAX_LENGTH[field.type]) {
      errors.push({ path, message: `must have at most ${MAX_LENGTH[field.type]} characters` });
      continue;
    }
    if (field.type === 'date' && !isLocalDate(value)) {
      errors.push({ path, message: 'must be a date YYYY-MM-DD' });
      continue;
    }
    if (field.type === 'choice' && !field.options.includes(value)) {
      errors.push({ path, message: `must be one of: ${field.options.join(', ')}` });
      continue;
    }
    if (field.type === 'child') {
      if (!householdChildren.has(value)) {
        errors.push({ path, message: 'is not one of your children' });
        continue;
      }
      childId ??= value;
    }
    answers[field.key] = value;
  }
  return { answers, childId, errors };
}

/**
 * The required document types that none of the uploads (by their type key) provides.
 *
 * @example missingAttachmentTypes([{ key: 'identity', label: "Pièce d'identité", required: true }], ['other'])
 * // [{ key: 'identity', label: "Pièce d'identité", required: true }]
 */
export function missingAttachmentTypes(types: AttachmentTypeSpec[], uploaded: (string | null)[]): AttachmentTypeSpec[] {
  return types.filter((t) => t.required && !uploaded.includes(t.key));
}
