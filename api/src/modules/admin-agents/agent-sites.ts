import type { Db } from '../../db/database.js';
import type { AgentRole } from '../../db/schema.js';
import { type SiteAccess, seesOnlyAssignedSites, seesSite, siteAccess } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import { audit } from '../../lib/audit.js';

/**
 * The sites the caller may see the roll call and the children's health marks of, by the
 * domain's rule: only the roles it restricts cost a query.
 */
export async function siteAccessOf(
  db: Db,
  scope: { collectivityId: string; accountId: string; role: AgentRole },
): Promise<SiteAccess> {
  if (!seesOnlyAssignedSites(scope.role)) return siteAccess(scope.role, []);
  const rows = await db
    .selectFrom('agent_sites as s')
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.collectivity_id', '=', 's.collectivity_id').onRef('m.id', '=', 's.membership_id'),
    )
    .select('s.site_id')
    .where('s.collectivity_id', '=', scope.collectivityId)
    .where('m.account_id', '=', scope.accountId)
    .where('m.kind', '=', 'agent')
    .execute();
  return siteAccess(
    scope.role,
    rows.map((r) => r.site_id),
  );
}

/** The sites of each of the collectivity's animators (by membership id), by name. */
export async function sitesByMembership(db: Db, collectivityId: string): Promise<Map<string, { id: string; name: string }[]>> {
  const rows = await db
    .selectFrom('agent_sites as a')
    .innerJoin('sites as s', (j) => j.onRef('s.collectivity_id', '=', 'a.collectivity_id').onRef('s.id', '=', 'a.site_id'))
    .select(['a.membership_id', 's.id', 's.name'])
    .where('a.collectivity_id', '=', collectivityId)
    .orderBy('s.name')
    .execute();
  const byMembership = new Map<string, { id: string; name: string }[]>();
  for (const row of rows) {
    const sites = byMembership.get(row.membership_id) ?? [];
    sites.push({ id: row.id, name: row.name });
    byMembership.set(row.membership_id, sites);
  }
  return byMembership;
}

/**
 * Replaces an animator's sites with `siteIds`, audited. 404 for an agent not of the
 * collectivity, 409 `conflict` for another role (who sees every site), 422 for a site not its.
 */
export async function setAgentSites(
  db: Db,
  input: { collectivityId: string; membershipId: string; siteIds: readonly string[]; by: string; now: Date },
): Promise<void> {
  const cid = input.collectivityId;
  const siteIds = [...new Set(input.siteIds)];
  await db.transaction().execute(async (trx) => {
    const membership = await trx
      .selectFrom('memberships')
      .select('role')
      .where('collectivity_id', '=', cid)
      .where('id', '=', input.membershipId)
      .where('kind', '=', 'agent')
      .forUpdate()
      .executeTakeFirstOrThrow(() => notFound('agent'));
    if (!membership.role || !seesOnlyAssignedSites(membership.role)) {
      throw new ApiError(409, 'conflict', {
        fr: 'Seuls les animateurs ont des sites : les autres rôles voient tous les sites.',
        en: 'Only animators have sites: the other roles see every site.',
      });
    }
    const known =
      siteIds.length === 0
        ? []
        : await trx.selectFrom('sites').select('id').where('collectivity_id', '=', cid).where('id', 'in', siteIds).execute();
    if (known.length !== siteIds.length) {
      throw new ApiError(422, 'validation_failed', 'A site is not one of the collectivity.', {
        errors: [{ path: 'siteIds', message: "un des sites n'existe pas dans la collectivité" }],
      });
    }
    await trx
      .deleteFrom('agent_sites')
      .where('collectivity_id', '=', cid)
      .where('membership_id', '=', input.membershipId)
      .execute();
    if (siteIds.length > 0) {
      await trx
        .insertInto('agent_sites')
        .values(siteIds.map((siteId) => ({ collectivity_id: cid, membership_id: input.membershipId, site_id: siteId })))
        .execute();
    }
    await audit(trx, {
      collectivityId: cid,
      actorAccountId: input.by,
      action: 'agent.sites_changed',
      objectType: 'membership',
      objectId: input.membershipId,
      details: { siteIds },
      at: input.now,
    });
  });
}

/** Forgets an agent's sites when they stop being an animator: the rows would mean nothing. */
export async function dropAgentSites(db: Db, collectivityId: string, membershipId: string): Promise<void> {
  await db
    .deleteFrom('agent_sites')
    .where('collectivity_id', '=', collectivityId)
    .where('membership_id', '=', membershipId)
    .execute();
}

/** The answer to a request naming an activity of a site the caller does not see. */
export const notOneOfYourSites = () =>
  new ApiError(403, 'forbidden', {
    fr: "Cette activité n'est pas sur un de vos sites.",
    en: 'This activity is not on one of your sites.',
  });

/**
 * Refuses (403) an activity whose site the access does not admit; 404 for an activity not of
 * the collectivity. Costs a query only when the access is restricted.
 */
export async function requireActivitySite(db: Db, collectivityId: string, access: SiteAccess, activityId: string): Promise<void> {
  if (access.all) return;
  const activity = await db
    .selectFrom('activities')
    .select('site_id')
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', activityId)
    .executeTakeFirstOrThrow(() => notFound('activity'));
  if (!seesSite(access, activity.site_id)) throw notOneOfYourSites();
}
