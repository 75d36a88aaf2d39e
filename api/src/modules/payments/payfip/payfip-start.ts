import type { AppDeps } from '../../../deps.js';
import { ApiError } from '../../../lib/api-error.js';
import { checkReturnUrl } from '../../collectivities/return-url.js';
import { guardianEmails } from '../../households/guardian-emails.js';
import { creerPaiementSecurise, PayfipFault, PayfipUnavailable } from './payfip-client.js';
import { acceptableAmount, acceptableMel, exerOf, MAX_URL, objetOf, refdetOf } from './payfip-fields.js';
import type { PayfipPaymentProvider } from './payfip-provider.js';
import { loadPayfipSettings } from './payfip-settings.js';

/** Why a payment cannot be opened at PayFiP, for the payer's page. */
export class PayfipStartRefused extends Error {
  constructor(
    readonly status: 404 | 410 | 422 | 503,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * The payer's address PayFiP sends its receipt to (`mel`): a parent account's of the household,
 * else a guardian's, the first PayFiP accepts.
 */
async function payerMel(deps: AppDeps, collectivityId: string, householdId: string): Promise<string | null> {
  const accounts = await deps.db
    .selectFrom('memberships as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select('a.email')
    .where('m.collectivity_id', '=', collectivityId)
    .where('m.household_id', '=', householdId)
    .where('m.kind', '=', 'parent')
    .where('a.disabled_at', 'is', null)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  const guardians = await guardianEmails(deps.db, collectivityId, householdId);
  return [...accounts.map((a) => a.email), ...guardians].find(acceptableMel) ?? null;
}

/** What PayFiP's page shows as the object of the payment. */
async function labelOf(deps: AppDeps, collectivityId: string, invoiceId: string | null, town: string): Promise<string> {
  if (invoiceId) {
    const invoice = await deps.db
      .selectFrom('invoices')
      .select('number')
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', invoiceId)
      .executeTakeFirst();
    if (invoice) return objetOf(`Facture ${invoice.number} ${town}`);
  }
  return objetOf(`Reservations ${town}`);
}

/**
 * Opens one of our payments at PayFiP when the payer follows Foyer's link: checks the payment is
 * still payable, calls `creerPaiementSecurise` with the documented fields, records the idOp it
 * gives (a notification can then be matched to it), and returns PayFiP's page for that idOp.
 * A payer who comes back gets a new idOp (each lives 15 minutes) for the same payment and refdet.
 */
export async function openAtPayfip(
  deps: AppDeps,
  provider: PayfipPaymentProvider,
  input: { collectivityId: string; paymentId: string; returnUrl: string | undefined },
): Promise<string> {
  const cid = input.collectivityId;
  const now = deps.clock.now();
  const payment = await deps.db
    .selectFrom('payments')
    .select(['id', 'household_id', 'status', 'amount_cents', 'expires_at', 'provider', 'provider_ref', 'invoice_id'])
    .where('collectivity_id', '=', cid)
    .where('id', '=', input.paymentId)
    .executeTakeFirst();
  const refdet = refdetOf(input.paymentId);
  if (!payment || payment.provider !== provider.name || payment.provider_ref !== refdet) {
    throw new PayfipStartRefused(404, 'Ce paiement est introuvable.');
  }
  if (payment.status !== 'pending' || new Date(payment.expires_at) <= now) {
    throw new PayfipStartRefused(410, 'Ce paiement n’est plus possible : il est déjà réglé, clos ou son délai est passé.');
  }
  const settings = await loadPayfipSettings(deps.db, cid);
  if (!settings?.active) throw new PayfipStartRefused(503, 'Le paiement en ligne n’est pas disponible : contactez votre mairie.');
  if (!acceptableAmount(payment.amount_cents)) {
    throw new PayfipStartRefused(422, 'PayFiP n’accepte en ligne que les montants de 1 € à 100 000 € : contactez votre mairie.');
  }
  const mel = await payerMel(deps, cid, payment.household_id);
  if (!mel) throw new PayfipStartRefused(422, 'Aucune adresse électronique valide pour ce foyer : complétez votre profil.');
  const town = await deps.db
    .selectFrom('collectivities')
    .select(['name', 'time_zone', 'portal_url'])
    .where('id', '=', cid)
    .executeTakeFirstOrThrow();
  let urlredirect = town.portal_url ?? `${deps.config.publicUrl}/`;
  if (input.returnUrl) {
    try {
      await checkReturnUrl(deps.db, cid, new URL(deps.config.publicUrl).origin, input.returnUrl);
      urlredirect = input.returnUrl;
    } catch (error) {
      if (!(error instanceof ApiError || error instanceof TypeError)) throw error;
    }
  }
  if (urlredirect.length > MAX_URL) urlredirect = town.portal_url ?? `${deps.config.publicUrl}/`;
  let idOp: string;
  try {
    idOp = await creerPaiementSecurise(
      settings.serviceUrl,
      {
        numcli: settings.numcli,
        exer: exerOf(now, town.time_zone),
        refdet,
        objet: await labelOf(deps, cid, payment.invoice_id, town.name),
        montant: String(payment.amount_cents),
        mel,
        saisie: settings.saisie,
        urlnotif: provider.notifyUrl(),
        urlredirect,
      },
      provider.fetch,
    );
  } catch (error) {
    if (error instanceof PayfipFault || error instanceof PayfipUnavailable) {
      deps.logger.error({ err: error, paymentId: payment.id }, 'PayFiP did not create the operation');
      throw new PayfipStartRefused(503, 'Le service de paiement PayFiP ne répond pas : réessayez dans un moment.');
    }
    throw error;
  }
  await deps.db
    .insertInto('payfip_operations')
    .values({ collectivity_id: cid, id_op: idOp, payment_id: payment.id, refdet, created_at: now })
    .execute();
  const page = new URL(settings.pageUrl);
  page.searchParams.set('idop', idOp);
  return page.toString();
}
