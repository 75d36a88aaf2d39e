/** The roles of a collectivity's agents (as in `db/schema.ts`, repeated to keep the domain free of I/O types). */
export type AgentRole = 'admin' | 'agent' | 'kitchen' | 'animator';

/**
 * The sites an agent may see the roll call and the children's health marks of: every site, or
 * only those listed (possibly none).
 */
export type SiteAccess = { readonly all: true } | { readonly all: false; readonly siteIds: readonly string[] };

/** Whether a role sees only the sites assigned to it: the animators. */
export function seesOnlyAssignedSites(role: AgentRole): boolean {
  return role === 'animator';
}

/**
 * Which sites a membership may see. An animator looks after the children of the sites they are
 * assigned to, and sees only those: no site assigned means no site, never all of them. Admins
 * and agents run the whole collectivity, and the kitchen cooks for every site.
 *
 * @example siteAccess('animator', []) // { all: false, siteIds: [] }
 */
export function siteAccess(role: AgentRole, assignedSiteIds: readonly string[]): SiteAccess {
  if (!seesOnlyAssignedSites(role)) return { all: true };
  return { all: false, siteIds: [...new Set(assignedSiteIds)] };
}

/** Whether the access admits the site. */
export function seesSite(access: SiteAccess, siteId: string): boolean {
  return access.all || access.siteIds.includes(siteId);
}
