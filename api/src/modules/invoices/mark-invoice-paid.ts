import type { Db } from '../../db/database.js';

/**
 * Marks an invoice paid at `now`, in the settling payment's transaction. Only an invoice still
 * `issued` changes: a cancelled one stays cancelled (the agent's credit note settles the money),
 * and one already paid keeps its first payment day.
 */
export async function markInvoicePaid(trx: Db, collectivityId: string, invoiceId: string, now: Date): Promise<void> {
  await trx
    .updateTable('invoices')
    .set({ status: 'paid', paid_at: now })
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', invoiceId)
    .where('kind', '=', 'invoice')
    .where('status', '=', 'issued')
    .execute();
}
