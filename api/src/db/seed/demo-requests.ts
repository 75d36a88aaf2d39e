/**
 * The request categories of Ville de Démo ("thématiques", each with its form and required
 * documents) and the demo family's request history.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Executor } from '../database.js';
import type { DemoFamilies } from './demo-families.js';
import { addDays, isoWeekday, type LocalDate, parisInstant } from './school-calendar.js';
import { specimenPdf } from './specimen-pdf.js';

/** One field of a category's form; `child` lets the parent pick one of the household's children. */
export type RequestField =
  | { key: string; type: 'text' | 'textarea' | 'date' | 'child'; label: string; required: boolean }
  | { key: string; type: 'choice'; label: string; required: boolean; options: string[] };

/** A document a category asks for. */
export interface AttachmentType {
  key: string;
  label: string;
  required: boolean;
}

interface CategorySpec {
  title: string;
  helpText: string;
  template: string | null;
  fields: RequestField[];
  attachmentTypes: AttachmentType[];
  effect: 'address' | 'allergy' | 'pickup' | null;
}

const CATEGORIES = {
  pickup: {
    title: "Autorisation de récupération d'un enfant",
    helpText: "Autorisez une personne majeure à venir chercher votre enfant à l'école, à la garderie ou au centre de loisirs.",
    template: 'Je souhaiterais autoriser … à venir récupérer mon enfant à partir de …',
    fields: [
      { key: 'child', type: 'child', label: 'Enfant', required: true },
      { key: 'person', type: 'text', label: 'Personne autorisée', required: true },
      { key: 'from', type: 'date', label: 'À partir du', required: true },
    ],
    attachmentTypes: [{ key: 'identity', label: "Pièce d'identité", required: true }],
    effect: 'pickup',
  },
  address: {
    title: "Changement d'adresse",
    helpText: 'Votre nouvelle adresse sera enregistrée après vérification du justificatif de domicile.',
    template: 'Nous avons déménagé. Notre nouvelle adresse est … à partir du …',
    fields: [
      { key: 'line1', type: 'text', label: 'Adresse', required: true },
      { key: 'postalCode', type: 'text', label: 'Code postal', required: true },
      { key: 'city', type: 'text', label: 'Commune', required: true },
      { key: 'from', type: 'date', label: "Date d'emménagement", required: true },
    ],
    attachmentTypes: [{ key: 'proof_of_address', label: 'Justificatif de domicile de moins de 3 mois', required: true }],
    effect: 'address',
  },
  allergy: {
    title: 'Allergie alimentaire / PAI',
    helpText:
      "Signalez une allergie ou demandez un projet d'accueil individualisé (PAI). Le médecin scolaire peut vous contacter.",
    template: null,
    fields: [
      { key: 'child', type: 'child', label: 'Enfant', required: true },
      { key: 'allergens', type: 'text', label: 'Allergène(s)', required: true },
      {
        key: 'carePlan',
        type: 'choice',
        label: 'Demandez-vous un PAI ?',
        required: true,
        options: ['Oui', 'Non', 'Un PAI existe déjà'],
      },
      { key: 'details', type: 'textarea', label: 'Précisions', required: false },
    ],
    attachmentTypes: [{ key: 'medical_certificate', label: 'Certificat médical', required: true }],
    effect: 'allergy',
  },
  other: {
    title: 'Autre demande',
    helpText: 'Toute autre question au service Enfance de la mairie.',
    template: null,
    fields: [
      { key: 'subject', type: 'text', label: 'Objet', required: true },
      { key: 'child', type: 'child', label: 'Enfant concerné', required: false },
    ],
    attachmentTypes: [{ key: 'document', label: 'Document', required: false }],
    effect: null,
  },
} satisfies Record<string, CategorySpec>;

const frenchDateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "16 octobre 2026". */
function frenchDate(date: LocalDate): string {
  return frenchDateFormat.format(new Date(`${date}T00:00:00Z`));
}

/** Inserts the categories and the demo family's requests: one accepted with its thread and document, one waiting. */
export async function seedRequests(
  trx: Executor,
  input: { today: LocalDate; collectivityId: string; families: DemoFamilies },
): Promise<void> {
  const { today, collectivityId, families } = input;
  const categoryIds: Partial<Record<keyof typeof CATEGORIES, string>> = {};
  let position = 0;
  for (const [key, spec] of Object.entries(CATEGORIES) as [keyof typeof CATEGORIES, CategorySpec][]) {
    const { id } = await trx
      .insertInto('request_categories')
      .values({
        collectivity_id: collectivityId,
        title: spec.title,
        help_text: spec.helpText,
        template: spec.template,
        fields: JSON.stringify(spec.fields),
        attachment_types: JSON.stringify(spec.attachmentTypes),
        effect: spec.effect,
        position: position++,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    categoryIds[key] = id;
  }

  const household = families.demo[0];
  const alvaro = household?.children[0];
  const lucia = household?.children[1];
  if (household === undefined || alvaro === undefined || lucia === undefined || !categoryIds.pickup || !categoryIds.other) {
    throw new Error('demo seed: the Sanchez-Cordoves family and the categories come first');
  }
  const parent = families.accounts.parent;
  const agent = families.accounts.agent;

  const askedAt = parisInstant(addDays(today, -40), '21:12');
  const decidedAt = parisInstant(addDays(today, -38), '10:05');
  const pickupFrom = addDays(today, -35);
  const { id: pickupRequest } = await trx
    .insertInto('requests')
    .values({
      collectivity_id: collectivityId,
      household_id: household.id,
      category_id: categoryIds.pickup,
      child_id: lucia.id,
      author_account_id: parent,
      status: 'accepted',
      answers: JSON.stringify({ child: lucia.id, person: 'Carmen Ruiz', from: pickupFrom }),
      body:
        `Je souhaiterais autoriser Carmen Ruiz, ma mère, à venir récupérer mon enfant à partir du ${frenchDate(pickupFrom)}. ` +
        'Elle viendra chercher Lucia à la garderie du soir le mardi et le jeudi.',
      assigned_to: agent,
      decision_reason: 'Autorisation ajoutée à la fiche de Lucia.',
      decided_at: decidedAt,
      created_at: askedAt,
      updated_at: decidedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('request_messages')
    .values([
      {
        collectivity_id: collectivityId,
        request_id: pickupRequest,
        author_account_id: agent,
        author_kind: 'agent',
        body:
          `Bonjour Madame, l'autorisation de Mme Carmen Ruiz est enregistrée sur la fiche de Lucia à partir du ${frenchDate(pickupFrom)}. ` +
          "Elle devra présenter sa pièce d'identité la première fois. Bien cordialement, le service Enfance.",
        created_at: decidedAt,
      },
      {
        collectivity_id: collectivityId,
        request_id: pickupRequest,
        author_account_id: parent,
        author_kind: 'parent',
        body: 'Merci beaucoup pour votre réactivité !',
        created_at: parisInstant(addDays(today, -38), '12:31'),
      },
    ])
    .execute();

  const identity = specimenPdf("Pièce d'identité", ['Nom : RUIZ', 'Prénom : Carmen', 'Document de démonstration']);
  const storageKey = `seed/${randomUUID()}`;
  await trx
    .insertInto('attachment_blobs')
    .values({ collectivity_id: collectivityId, storage_key: storageKey, content: identity })
    .execute();
  await trx
    .insertInto('attachments')
    .values({
      collectivity_id: collectivityId,
      household_id: household.id,
      uploaded_by: parent,
      request_id: pickupRequest,
      attachment_type: 'identity',
      filename: 'piece-identite-carmen-ruiz.pdf',
      content_type: 'application/pdf',
      size_bytes: identity.byteLength,
      sha256: createHash('sha256').update(identity).digest('hex'),
      storage_key: storageKey,
      created_at: askedAt,
    })
    .execute();

  // A Thursday about two weeks ahead.
  const inTenDays = addDays(today, 10);
  const outingDay = addDays(inTenDays, (4 - isoWeekday(inTenDays) + 7) % 7);
  await trx
    .insertInto('requests')
    .values({
      collectivity_id: collectivityId,
      household_id: household.id,
      category_id: categoryIds.other,
      child_id: alvaro.id,
      author_account_id: parent,
      status: 'submitted',
      answers: JSON.stringify({ subject: 'Sortie scolaire et repas', child: alvaro.id }),
      body:
        `Bonjour, la classe d'Alvaro part en sortie scolaire le jeudi ${frenchDate(outingDay)}. ` +
        'La cantine prépare-t-elle un pique-nique ou dois-je annuler son repas ce jour-là ? Merci.',
      created_at: parisInstant(addDays(today, -2), '18:47'),
      updated_at: parisInstant(addDays(today, -2), '18:47'),
    })
    .execute();
}
