import type { adminAudit } from '@foyer/sdk/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { decodeCursor, encodeCursor } from '../requests/cursor.js';

const DEFAULT_PAGE = 50;
/** The action of every read of health data (allergies, care plans, pick-up persons). */
export const HEALTH_READ = 'health.read';

/** The children an entry concerns: the writers put them in `childIds`, `childId`, or name a child as the object. */
function childIdsOf(objectType: string, objectId: string | null, details: Record<string, unknown>): string[] {
  const ids = new Set<string>();
  if (Array.isArray(details.childIds)) for (const id of details.childIds) if (typeof id === 'string') ids.add(id);
  if (typeof details.childId === 'string') ids.add(details.childId);
  if (objectType === 'child' && objectId) ids.add(objectId);
  return [...ids];
}

/**
 * A page of the collectivity's audit log, newest first, with the agent who acted and the names
 * of the children each entry concerns.
 */
export async function listAuditLog(
  db: Db,
  collectivityId: string,
  query: adminAudit.AuditQueryOutput,
): Promise<{ items: adminAudit.AuditEntry[]; nextCursor: string | null }> {
  const limit = query.limit ?? DEFAULT_PAGE;
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('accounts as ac', 'ac.id', 'a.actor_account_id')
    .select([
      'a.id',
      'a.action',
      'a.object_type',
      'a.object_id',
      'a.details',
      'a.actor_account_id',
      'ac.display_name',
      'ac.email',
      // To the microsecond: the cursor must fall between two entries of the same millisecond.
      sql<string>`to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at'),
    ])
    .where('a.collectivity_id', '=', collectivityId);
  if (query.health === 'true') q = q.where('a.action', '=', HEALTH_READ);
  if (query.actor) q = q.where('a.actor_account_id', '=', query.actor);
  if (query.child) {
    const child = query.child;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`a.details -> 'childIds' @> jsonb_build_array(${child}::text)`,
        sql<boolean>`a.details ->> 'childId' = ${child}`,
        eb.and([eb('a.object_type', '=', 'child'), eb('a.object_id', '=', child)]),
      ]),
    );
  }
  if (query.from) q = q.where(sql<boolean>`a.at >= ${query.from}::date`);
  if (query.to) q = q.where(sql<boolean>`a.at < ${query.to}::date + 1`);
  if (after) q = q.where(sql<boolean>`(a.at, a.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  const rows = await q
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const details = page.map((r) => (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>);
  const childIds = [...new Set(page.flatMap((r, i) => childIdsOf(r.object_type, r.object_id, details[i] ?? {})))];
  const names = new Map(
    childIds.length === 0
      ? []
      : (
          await db
            .selectFrom('children')
            .select(['id', 'first_name', 'last_name'])
            .where('collectivity_id', '=', collectivityId)
            .where('id', 'in', childIds)
            .execute()
        ).map((c) => [c.id, `${c.first_name} ${c.last_name}`]),
  );
  const items = page.map((r, i) => {
    const own = details[i] ?? {};
    return {
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor_account_id && r.email ? { id: r.actor_account_id, name: r.display_name ?? r.email, email: r.email } : null,
      action: r.action,
      healthRead: r.action === HEALTH_READ,
      objectType: r.object_type,
      objectId: r.object_id,
      children: childIdsOf(r.object_type, r.object_id, own)
        .filter((id) => names.has(id))
        .map((id) => ({ id, name: names.get(id) as string })),
      details: own,
    };
  });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.at, id: last.id }) : null };
}
