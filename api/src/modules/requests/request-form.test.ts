import { describe, expect, it } from 'vitest';
import { type CategoryForm, categoryProblems, checkAnswers, missingAttachmentTypes, type RequestField } from './request-form.js';

const CHILD = '0b6f4a1e-2c1d-4c53-9e51-1f9a3b2c4d5e';
const OTHER_CHILD = '7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

const pickupFields: RequestField[] = [
  { key: 'child', type: 'child', label: 'Enfant', required: true },
  { key: 'person', type: 'text', label: 'Personne autorisée', required: true },
  { key: 'from', type: 'date', label: 'À partir du', required: true },
  { key: 'when', type: 'choice', label: 'Quand', required: false, options: ['Matin', 'Soir'] },
  { key: 'note', type: 'textarea', label: 'Note', required: false },
];

describe('checkAnswers', () => {
  it('keeps trimmed answers and names the child', () => {
    const checked = checkAnswers(
      pickupFields,
      { child: CHILD, person: '  Carmen Ruiz ', from: '2026-12-01', note: '' },
      new Set([CHILD]),
    );
    expect(checked).toEqual({ answers: { child: CHILD, person: 'Carmen Ruiz', from: '2026-12-01' }, childId: CHILD, errors: [] });
  });

  it('names every problem by its path', () => {
    const checked = checkAnswers(
      pickupFields,
      { child: OTHER_CHILD, person: ' ', from: '2026-02-30', when: 'Midi', note: 'x'.repeat(5001), extra: 'y' },
      new Set([CHILD]),
    );
    expect(checked.errors).toEqual([
      { path: 'body.answers.extra', message: 'is not a field of this category' },
      { path: 'body.answers.child', message: 'is not one of your children' },
      { path: 'body.answers.person', message: 'is required (Personne autorisée)' },
      { path: 'body.answers.from', message: 'must be a date YYYY-MM-DD' },
      { path: 'body.answers.when', message: 'must be one of: Matin, Soir' },
      { path: 'body.answers.note', message: 'must have at most 5000 characters' },
    ]);
    expect(checked.childId).toBeNull();
  });
});

describe('categoryProblems', () => {
  const form = (overrides: Partial<CategoryForm>): CategoryForm => ({
    fields: [],
    attachmentTypes: [],
    effect: null,
    ...overrides,
  });

  it('accepts a category with the fields its effect applies', () => {
    expect(categoryProblems(form({ fields: pickupFields, effect: 'pickup' }))).toEqual([]);
    expect(categoryProblems(form({ fields: [{ key: 'subject', type: 'text', label: 'Objet', required: true }] }))).toEqual([]);
  });

  it('refuses duplicate keys and options', () => {
    const problems = categoryProblems(
      form({
        fields: [
          { key: 'a', type: 'text', label: 'A', required: false },
          { key: 'a', type: 'choice', label: 'A', required: false, options: ['x', 'x'] },
        ],
        attachmentTypes: [
          { key: 'id', label: 'Id', required: true },
          { key: 'id', label: 'Id', required: false },
        ],
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['body.fields.1.key', 'body.fields.1.options', 'body.attachmentTypes.1.key']);
  });

  it('refuses an effect without the fields it reads, or with them of the wrong type or optional', () => {
    const problems = categoryProblems(
      form({
        effect: 'address',
        fields: [
          { key: 'line1', type: 'textarea', label: 'Adresse', required: true },
          { key: 'postalCode', type: 'text', label: 'CP', required: false },
          { key: 'line2', type: 'date', label: 'Complément', required: false },
        ],
      }),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'the address effect needs a required text field "line1"',
      'the address effect needs a text field "line2"',
      'the address effect needs a required text field "postalCode"',
      'the address effect needs a required text field "city"',
    ]);
  });
});

describe('missingAttachmentTypes', () => {
  it('lists the required types no upload provides', () => {
    const types = [
      { key: 'identity', label: "Pièce d'identité", required: true },
      { key: 'other', label: 'Autre', required: false },
    ];
    expect(missingAttachmentTypes(types, ['other', null])).toEqual([types[0]]);
    expect(missingAttachmentTypes(types, ['identity'])).toEqual([]);
  });
});
