import type { adminCatalog } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import { type Pricing, pricingProblems } from '../../domain/index.js';
import { invalidField } from '../../lib/field-error.js';

/** The domain's price list from the form's: the non-resident rate is absent, not null. */
export function pricingOf(input: adminCatalog.PricingInput): Pricing {
  return {
    currency: 'EUR',
    tiers: input.tiers,
    ...(input.nonResidentAmountCents == null ? {} : { nonResidentAmountCents: input.nonResidentAmountCents }),
  };
}

/** The rules that span several fields of an activity, once merged with what it had. */
export interface ActivityShape {
  seasonFrom: string;
  seasonTo: string;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  sessions: { from: string; to: string }[];
  pricing: Pricing;
  startsAt: string | null;
  endsAt: string | null;
}

/** Refuses, naming the field in French, an activity whose fields disagree with each other. */
export function checkActivityShape(shape: ActivityShape): void {
  if (shape.seasonFrom > shape.seasonTo) {
    throw invalidField('body.seasonTo', 'la fin de saison doit suivre le début de saison');
  }
  const { registrationOpensAt: opens, registrationClosesAt: closes } = shape;
  if (opens && closes && new Date(opens) >= new Date(closes)) {
    throw invalidField('body.registrationClosesAt', 'la clôture des inscriptions doit suivre leur ouverture');
  }
  shape.sessions.forEach((session, i) => {
    if (session.from > session.to) throw invalidField(`body.sessions.${i}.to`, 'la fin de la session doit suivre son début');
  });
  checkTimes(shape.startsAt, shape.endsAt);
  if (pricingProblems(shape.pricing).length > 0) {
    throw invalidField(
      'body.pricing.tiers',
      'les tranches vont par quotient maximum croissant, et la dernière est sans maximum (maxQuotient: null)',
    );
  }
}

/** Daily times go in pairs, the end after the start (`HH:MM` compares as text). */
function checkTimes(startsAt: string | null, endsAt: string | null): void {
  if (startsAt !== null && endsAt === null)
    throw invalidField('body.endsAt', "l'heure de fin est obligatoire avec l'heure de début");
  if (startsAt === null && endsAt !== null)
    throw invalidField('body.startsAt', "l'heure de début est obligatoire avec l'heure de fin");
  if (startsAt !== null && endsAt !== null && endsAt <= startsAt) {
    throw invalidField('body.endsAt', "l'heure de fin doit suivre l'heure de début");
  }
}

/** Refuses a service or site that is not the collectivity's (or is archived, for a new activity). */
export async function checkReferences(
  db: Db,
  collectivityId: string,
  refs: { serviceId?: string | undefined; siteId?: string | undefined },
): Promise<void> {
  if (refs.serviceId) {
    const service = await db
      .selectFrom('services')
      .select('id')
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', refs.serviceId)
      .executeTakeFirst();
    if (!service) throw invalidField('body.serviceId', 'le service est inconnu');
  }
  if (refs.siteId) {
    const site = await db
      .selectFrom('sites')
      .select('id')
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', refs.siteId)
      .executeTakeFirst();
    if (!site) throw invalidField('body.siteId', 'le site est inconnu');
  }
}
