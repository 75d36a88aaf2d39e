import type { Kysely } from 'kysely';
import type { AddressValue, AuthorisedPickup, Database } from '../../db/schema.js';
import { ApiError } from '../../lib/api-error.js';
import type { RequestEffect } from './request-form.js';

/** An accepted request whose category changes the family file. */
export interface AcceptedChange {
  collectivityId: string;
  requestId: string;
  householdId: string;
  childId: string | null;
  effect: RequestEffect;
  answers: Record<string, unknown>;
  agentAccountId: string;
  now: Date;
}

const text = (answers: Record<string, unknown>, key: string): string | undefined => {
  const value = answers[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/**
 * Allergens as a parent types them ("arachide, lait; œuf"): split on commas, semicolons and
 * lines, each kept once whatever its case.
 *
 * @example mergeAllergens(['Arachide'], 'arachide, lait ;Œuf') // ['Arachide', 'lait', 'Œuf']
 */
export function mergeAllergens(current: readonly string[], typed: string): string[] {
  const merged = [...current];
  const seen = new Set(current.map((a) => a.toLocaleLowerCase('fr')));
  for (const allergen of typed.split(/[,;\n]/)) {
    const name = allergen.trim().slice(0, 100);
    if (name === '' || seen.has(name.toLocaleLowerCase('fr'))) continue;
    seen.add(name.toLocaleLowerCase('fr'));
    merged.push(name);
  }
  return merged;
}

/** True when the answer to "Demandez-vous un PAI ?" asks for or reports a care plan (anything but "Non"). */
export function asksForCarePlan(answer: string | undefined): boolean {
  return answer !== undefined && !/^(non|no)$/i.test(answer.trim());
}

async function lockChild(trx: Kysely<Database>, change: AcceptedChange) {
  if (!change.childId)
    throw new ApiError(409, 'child_missing', 'This request names no child of the household: it cannot be applied.');
  return trx
    .selectFrom('children')
    .select(['id', 'allergies', 'care_plan', 'care_plan_notes', 'authorised_pickups'])
    .where('collectivity_id', '=', change.collectivityId)
    .where('household_id', '=', change.householdId)
    .where('id', '=', change.childId)
    .forUpdate()
    .executeTakeFirstOrThrow(
      () => new ApiError(409, 'child_missing', 'The child of this request is no longer in the household: it cannot be applied.'),
    );
}

/**
 * Applies an accepted request to the household or child record, in the decision's transaction,
 * and writes what changed to the audit log. Health values stay out of the log: it names the
 * fields that changed, not the allergens.
 */
export async function applyAcceptedChange(trx: Kysely<Database>, change: AcceptedChange): Promise<void> {
  const { answers } = change;
  let audit: { action: string; objectType: string; objectId: string; details: Record<string, unknown> };
  switch (change.effect) {
    case 'address': {
      const line1 = text(answers, 'line1');
      const postalCode = text(answers, 'postalCode');
      const city = text(answers, 'city');
      if (!line1 || !postalCode || !city) {
        throw new ApiError(409, 'incomplete_answers', 'This request lacks part of the new address: ask the family for it.');
      }
      const line2 = text(answers, 'line2');
      const address: AddressValue = { line1, ...(line2 ? { line2 } : {}), postalCode, city };
      const before = await trx
        .selectFrom('households')
        .select('address')
        .where('collectivity_id', '=', change.collectivityId)
        .where('id', '=', change.householdId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('households')
        .set({ address: JSON.stringify(address), updated_at: change.now })
        .where('collectivity_id', '=', change.collectivityId)
        .where('id', '=', change.householdId)
        .execute();
      audit = {
        action: 'household.address_changed',
        objectType: 'household',
        objectId: change.householdId,
        details: { requestId: change.requestId, before: before.address, after: address },
      };
      break;
    }
    case 'allergy': {
      const allergens = text(answers, 'allergens');
      if (!allergens) throw new ApiError(409, 'incomplete_answers', 'This request names no allergen: ask the family for it.');
      const child = await lockChild(trx, change);
      const carePlan = asksForCarePlan(text(answers, 'carePlan'));
      const details = text(answers, 'details');
      const notes = carePlan && details ? [child.care_plan_notes, details].filter(Boolean).join('\n') : child.care_plan_notes;
      await trx
        .updateTable('children')
        .set({
          allergies: mergeAllergens(child.allergies, allergens),
          care_plan: child.care_plan || carePlan,
          care_plan_notes: notes,
          updated_at: change.now,
        })
        .where('collectivity_id', '=', change.collectivityId)
        .where('id', '=', child.id)
        .execute();
      audit = {
        action: 'child.health_changed',
        objectType: 'child',
        objectId: child.id,
        details: { requestId: change.requestId, fields: ['allergies', ...(carePlan ? ['care_plan', 'care_plan_notes'] : [])] },
      };
      break;
    }
    case 'pickup': {
      const name = text(answers, 'person');
      if (!name) throw new ApiError(409, 'incomplete_answers', 'This request names no person: ask the family for it.');
      const child = await lockChild(trx, change);
      const relationship = text(answers, 'relationship');
      const phone = text(answers, 'phone');
      const person: AuthorisedPickup = { name, ...(relationship ? { relationship } : {}), ...(phone ? { phone } : {}) };
      const others = child.authorised_pickups.filter((p) => p.name.toLocaleLowerCase('fr') !== name.toLocaleLowerCase('fr'));
      await trx
        .updateTable('children')
        .set({ authorised_pickups: JSON.stringify([...others, person]), updated_at: change.now })
        .where('collectivity_id', '=', change.collectivityId)
        .where('id', '=', child.id)
        .execute();
      audit = {
        action: 'child.pickup_authorised',
        objectType: 'child',
        objectId: child.id,
        details: { requestId: change.requestId, person: name },
      };
      break;
    }
  }
  await trx
    .insertInto('audit_log')
    .values({
      collectivity_id: change.collectivityId,
      actor_account_id: change.agentAccountId,
      at: change.now,
      action: audit.action,
      object_type: audit.objectType,
      object_id: audit.objectId,
      details: JSON.stringify(audit.details),
    })
    .execute();
}
