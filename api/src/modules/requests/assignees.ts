import type { adminRequests } from '@foyer/sdk/contract';
import type { Executor } from '../../db/database.js';

/** The roles that process requests: the only ones a request can be assigned to. */
const HANDLER_ROLES = ['admin', 'agent'] as const;

/** The collectivity's agents who process requests, as a query to narrow (one account, active ones). */
function requestHandlers(db: Executor, collectivityId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .where('m.collectivity_id', '=', collectivityId)
    .where('m.kind', '=', 'agent')
    .where('m.role', 'in', HANDLER_ROLES);
}

/** Whether the account is an agent of the collectivity who processes requests. */
export async function handlesRequests(db: Executor, collectivityId: string, accountId: string): Promise<boolean> {
  const row = await requestHandlers(db, collectivityId)
    .select('m.account_id')
    .where('m.account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The colleagues a request can be assigned to: those who signed in at least once, by name only
 * (no email, no role), for every agent who processes requests.
 */
export async function listAssignees(db: Executor, collectivityId: string): Promise<adminRequests.Assignee[]> {
  const rows = await requestHandlers(db, collectivityId)
    .select(['a.id', 'a.display_name'])
    .where('a.password_hash', 'is not', null)
    .orderBy('a.display_name')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({ accountId: r.id, displayName: r.display_name }));
}
