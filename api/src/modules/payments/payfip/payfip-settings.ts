import type { Db } from '../../../db/database.js';

/** PayFiP's SOAP service, as its documentation gives it. */
export const PAYFIP_SERVICE_URL = 'https://www.payfip.gouv.fr/tpa/services/securite';
/** PayFiP's payment page, opened with `?idop=`. */
export const PAYFIP_PAGE_URL = 'https://www.payfip.gouv.fr/tpa/paiementws.web';

/** A collectivity's PayFiP contract. */
export interface PayfipSettings {
  collectivityId: string;
  numcli: string;
  saisie: 'T' | 'X' | 'W';
  serviceUrl: string;
  pageUrl: string;
  active: boolean;
}

/** The collectivity's PayFiP contract, if it has one (active or not). */
export async function loadPayfipSettings(db: Db, collectivityId: string): Promise<PayfipSettings | null> {
  const row = await db
    .selectFrom('payfip_settings')
    .select(['collectivity_id', 'numcli', 'saisie', 'service_url', 'page_url', 'active'])
    .where('collectivity_id', '=', collectivityId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    collectivityId: row.collectivity_id,
    numcli: row.numcli,
    saisie: row.saisie,
    serviceUrl: row.service_url,
    pageUrl: row.page_url,
    active: row.active,
  };
}

/** Why a setting is refused, in French for the operator. */
export function invalidPayfipSettings(input: {
  numcli: string;
  saisie: string;
  serviceUrl: string;
  pageUrl: string;
}): string | null {
  if (!/^[0-9]{6}$/.test(input.numcli)) return 'le numéro client PayFiP (numcli) doit avoir 6 chiffres';
  if (!['T', 'X', 'W'].includes(input.saisie)) return 'le mode de saisie doit être T (test), X (activation) ou W (production)';
  for (const [label, value] of [
    ['service', input.serviceUrl],
    ['page', input.pageUrl],
  ] as const) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return `l'adresse du ${label} PayFiP n'est pas une URL`;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `l'adresse du ${label} PayFiP doit être en https`;
  }
  return null;
}

/** Writes (or replaces) a collectivity's PayFiP contract, at `now`. */
export async function savePayfipSettings(db: Db, settings: PayfipSettings, now: Date): Promise<void> {
  const row = {
    numcli: settings.numcli,
    saisie: settings.saisie,
    service_url: settings.serviceUrl,
    page_url: settings.pageUrl,
    active: settings.active,
    updated_at: now,
  };
  await db
    .insertInto('payfip_settings')
    .values({ collectivity_id: settings.collectivityId, ...row })
    .onConflict((oc) => oc.column('collectivity_id').doUpdateSet(row))
    .execute();
}
