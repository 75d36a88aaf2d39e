import { FoyerError, type requests } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import type { TemplateResult } from 'lit';
import { apiFieldErrors, type FieldErrors, inputField, radioField, selectField, textareaField } from '../shared/form-fields.js';
import type { Child } from '../shared/store.js';

/** The id of a category field's control: answers' keys are letters, digits and `_`. */
export const answerId = (key: string) => `answer-${key}`;

/** One field of a category's form, as its type asks: text, long text, date, choice, or one of the children. */
export function renderRequestField(
  field: requests.RequestField,
  errors: FieldErrors,
  defaults: { children: Child[]; child: string },
): TemplateResult {
  const common = { id: answerId(field.key), required: field.required };
  switch (field.type) {
    case 'textarea':
      return textareaField(field.key, field.label, errors, { ...common, maxlength: 5000 });
    case 'date':
      return inputField(field.key, field.label, errors, { ...common, type: 'date' });
    case 'choice':
      return radioField(field.key, field.label, errors, field.options, common);
    case 'child':
      return selectField(
        field.key,
        field.label,
        errors,
        defaults.children.map((c) => [c.id, `${c.firstName} ${c.lastName}`]),
        { ...common, value: defaults.child, placeholder: msg('Choisissez un enfant') },
      );
    default:
      return inputField(field.key, field.label, errors, { ...common, maxlength: 500 });
  }
}

/** What is missing from the answers, by field key. */
export function missingAnswers(fields: requests.RequestField[], answers: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of fields) {
    if (!field.required || answers[field.key]) continue;
    errors[field.key] =
      field.type === 'choice' || field.type === 'child'
        ? msg(str`Choisissez une réponse pour « ${field.label} ».`)
        : msg(str`Renseignez « ${field.label} ».`);
  }
  return errors;
}

/** The attachment type key a `missing_attachments` refusal names: `needs a document of type "identity" (…)`. */
const missingType = (message: string) => /type "([a-z0-9_]+)"/.exec(message)?.[1];

/** The fields a refusal of the API names: answers by key, missing documents as `file-<type>`. */
export function refusalErrors(error: unknown): FieldErrors {
  const errors = apiFieldErrors(error, 'body.answers.');
  if (error instanceof FoyerError) {
    for (const e of error.errors) {
      const type = e.path.startsWith('body.attachmentIds') ? missingType(e.message) : undefined;
      if (type) errors[`file-${type}`] = e.message;
    }
  }
  return errors;
}
