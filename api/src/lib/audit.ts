import type { Db } from '../db/database.js';

/** One entry of the audit log: who did what to which object, stamped by the injected clock. */
export interface AuditEntry {
  collectivityId: string;
  actorAccountId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  details?: Record<string, unknown>;
  at: Date;
}

/** Writes an audit entry in the caller's transaction, so it exists exactly when the change does. */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      collectivity_id: entry.collectivityId,
      actor_account_id: entry.actorAccountId,
      at: entry.at,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
