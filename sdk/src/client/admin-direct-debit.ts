import * as adminDirectDebit from '../contract/admin-direct-debit.js';
import { type DownloadMethod, downloader } from './attachments.js';
import type { FoyerClient } from './client.js';
import type { Method } from './method.js';

/**
 * SEPA direct debit in the back office: households' mandates (agents and admins), the town's
 * creditor and the month's batches (admins). Apart from {@link AdminNamespace} so that a back
 * office loads it, with its IBAN rules, only with the screens that use it.
 */
export interface DirectDebitNamespace {
  readonly mandates: {
    /** A household's mandate in force (or `null`) and its revoked ones; `{ reveal: 'true' }` shows whole IBANs, audited. */
    get: Method<typeof adminDirectDebit.getMandate, ['id']>;
    /** Records the mandate a family signed: `(householdId, mandate)`; `409` while another one is in force. */
    create: Method<typeof adminDirectDebit.createMandate, ['id']>;
    /** Revokes the household's mandate in force: nothing is collected under it any more. */
    revoke: Method<typeof adminDirectDebit.revokeMandate, ['id']>;
  };
  /** The town's SEPA creditor settings. Admins. */
  creditor: Method<typeof adminDirectDebit.getCreditor>;
  /** Sets the creditor: name, IBAN, optional BIC, creditor identifier (ICS). Admins. */
  setCreditor: Method<typeof adminDirectDebit.setCreditor>;
  /** A month (`YYYY-MM`): its batch once prepared, and what a batch would collect. Admins. */
  month: Method<typeof adminDirectDebit.getMonth, ['month']>;
  /** Prepares the month's batch on a collection date, once (`409` after). Admins. */
  prepare: Method<typeof adminDirectDebit.createBatch>;
  /** Downloads the month's pain.008.001.02 file for the bank: the same bytes every time. Admins. */
  download: DownloadMethod;
}

/**
 * The direct-debit namespace on top of a client, sharing its session.
 *
 * @example
 * const debits = directDebits(createAdminClient({ baseUrl, collectivity: 'ville-de-demo' }));
 * await debits.mandates.create(householdId, { iban: 'FR76 3000 6000 0112 3456 7890 189', accountHolder: 'Claire Perrin', reference: 'RUM-0001', signedOn: '2026-11-02' });
 * const { blob, filename } = await debits.download('2026-11');
 */
export function directDebits(client: Pick<FoyerClient, 'method' | 'exchange'>): DirectDebitNamespace {
  const method = client.method;
  return {
    mandates: {
      get: method(adminDirectDebit.getMandate, 'id'),
      create: method(adminDirectDebit.createMandate, 'id'),
      revoke: method(adminDirectDebit.revokeMandate, 'id'),
    },
    creditor: method(adminDirectDebit.getCreditor),
    setCreditor: method(adminDirectDebit.setCreditor),
    month: method(adminDirectDebit.getMonth, 'month'),
    prepare: method(adminDirectDebit.createBatch),
    download: downloader(client.exchange, adminDirectDebit.downloadPain008, 'month'),
  };
}
