import type { Db } from '../../db/database.js';
import { ApiError } from '../../lib/api-error.js';

/**
 * Refuses a `returnUrl` outside the collectivity's own sites (its embedding origins, its portal)
 * and this API's own pages: the payment page sends the parent back there, and an arbitrary
 * address would turn it into an open redirect ("pay on the town's page, land on a fake one").
 */
export async function checkReturnUrl(
  db: Db,
  collectivityId: string,
  ownOrigin: string,
  returnUrl: string | undefined,
): Promise<void> {
  if (returnUrl === undefined) return;
  const row = await db
    .selectFrom('collectivities')
    .select(['embedding_origins', 'portal_url'])
    .where('id', '=', collectivityId)
    .executeTakeFirstOrThrow();
  const allowed = new Set([ownOrigin, ...row.embedding_origins]);
  if (row.portal_url) allowed.add(new URL(row.portal_url).origin);
  if (!allowed.has(new URL(returnUrl).origin)) {
    throw new ApiError(400, 'return_url_not_allowed', 'The return address must be a page of the collectivity’s own sites.', {
      errors: [{ path: 'body.returnUrl', message: 'is not on an origin registered by the collectivity' }],
    });
  }
}
