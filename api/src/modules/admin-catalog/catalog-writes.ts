import type { adminCatalog } from '@foyer/sdk/contract';
import type { InferOutput } from 'valibot';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../lib/api-error.js';
import { audit } from '../../lib/audit.js';
import { invalidField } from '../../lib/field-error.js';
import { forgetRules } from '../bookings/rules-cache.js';
import { closureView, serviceView, siteView } from './catalog-views.js';

/** Who changes the catalog, and where. */
export interface CatalogScope {
  collectivityId: string;
  accountId: string;
}

const archivedAt = (archived: boolean | undefined, now: Date) =>
  archived === undefined ? {} : { archived_at: archived ? now : null };

/** Runs a catalog change in a transaction, audits it, and lets calendars follow at once. */
async function change<T>(
  deps: AppDeps,
  scope: CatalogScope,
  action: string,
  write: (trx: AppDeps['db'], now: Date) => Promise<T & { id: string }>,
): Promise<T & { id: string }> {
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    const written = await write(trx, now);
    await audit(trx, {
      collectivityId: scope.collectivityId,
      actorAccountId: scope.accountId,
      action,
      objectType: action.split('.')[0] ?? action,
      objectId: written.id,
      at: now,
    });
    return written;
  });
  forgetRules(deps, scope.collectivityId);
  return result;
}

export function createService(deps: AppDeps, scope: CatalogScope, body: InferOutput<typeof adminCatalog.ServiceInput>) {
  return change(deps, scope, 'service.created', async (trx) =>
    serviceView(
      await trx
        .insertInto('services')
        .values({
          collectivity_id: scope.collectivityId,
          name: body.name,
          kind: body.kind,
          description: body.description ?? null,
          ...(body.position === undefined ? {} : { position: body.position }),
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    ),
  );
}

export function updateService(
  deps: AppDeps,
  scope: CatalogScope,
  id: string,
  body: InferOutput<typeof adminCatalog.ServicePatch>,
) {
  return change(deps, scope, 'service.updated', async (trx, now) =>
    serviceView(
      await trx
        .updateTable('services')
        .set({
          // Unchanged, but keeps the statement valid for an empty patch (`{}`), answered as a no-op.
          collectivity_id: scope.collectivityId,
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.kind === undefined ? {} : { kind: body.kind }),
          ...(body.description === undefined ? {} : { description: body.description }),
          ...(body.position === undefined ? {} : { position: body.position }),
          ...archivedAt(body.archived, now),
        })
        .where('collectivity_id', '=', scope.collectivityId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(() => notFound('service')),
    ),
  );
}

export function createSite(deps: AppDeps, scope: CatalogScope, body: InferOutput<typeof adminCatalog.SiteInput>) {
  return change(deps, scope, 'site.created', async (trx) =>
    siteView(
      await trx
        .insertInto('sites')
        .values({
          collectivity_id: scope.collectivityId,
          name: body.name,
          kind: body.kind,
          address: body.address ? JSON.stringify(body.address) : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    ),
  );
}

export function updateSite(deps: AppDeps, scope: CatalogScope, id: string, body: InferOutput<typeof adminCatalog.SitePatch>) {
  return change(deps, scope, 'site.updated', async (trx, now) =>
    siteView(
      await trx
        .updateTable('sites')
        .set({
          // Unchanged, but keeps the statement valid for an empty patch (`{}`), answered as a no-op.
          collectivity_id: scope.collectivityId,
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.kind === undefined ? {} : { kind: body.kind }),
          ...(body.address === undefined ? {} : { address: body.address ? JSON.stringify(body.address) : null }),
          ...archivedAt(body.archived, now),
        })
        .where('collectivity_id', '=', scope.collectivityId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(() => notFound('site')),
    ),
  );
}

type ClosureFields = InferOutput<typeof adminCatalog.ClosurePatch>;

/** A closure's site and activity must be the collectivity's, and its days in order. */
async function checkClosure(trx: AppDeps['db'], collectivityId: string, closure: ClosureFields): Promise<void> {
  if (closure.from && closure.to && closure.from > closure.to) {
    throw invalidField('body.to', 'le dernier jour de fermeture doit suivre le premier');
  }
  for (const [table, key, label] of [
    ['sites', 'siteId', 'le site est inconnu'],
    ['activities', 'activityId', "l'activité est inconnue"],
  ] as const) {
    const id = closure[key];
    if (!id) continue;
    const found = await trx
      .selectFrom(table)
      .select('id')
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!found) throw invalidField(`body.${key}`, label);
  }
}

export function createClosure(deps: AppDeps, scope: CatalogScope, body: InferOutput<typeof adminCatalog.ClosureInput>) {
  return change(deps, scope, 'closure.created', async (trx) => {
    await checkClosure(trx, scope.collectivityId, body);
    return closureView(
      await trx
        .insertInto('closures')
        .values({
          collectivity_id: scope.collectivityId,
          site_id: body.siteId ?? null,
          activity_id: body.activityId ?? null,
          from_date: body.from,
          to_date: body.to,
          reason: body.reason,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  });
}

export function updateClosure(deps: AppDeps, scope: CatalogScope, id: string, body: ClosureFields) {
  return change(deps, scope, 'closure.updated', async (trx) => {
    const current = await trx
      .selectFrom('closures')
      .selectAll()
      .where('collectivity_id', '=', scope.collectivityId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow(() => notFound('closure'));
    await checkClosure(trx, scope.collectivityId, { from: current.from_date, to: current.to_date, ...body });
    return closureView(
      await trx
        .updateTable('closures')
        .set({
          // Unchanged, but keeps the statement valid for an empty patch (`{}`), answered as a no-op.
          collectivity_id: scope.collectivityId,
          ...(body.siteId === undefined ? {} : { site_id: body.siteId }),
          ...(body.activityId === undefined ? {} : { activity_id: body.activityId }),
          ...(body.from === undefined ? {} : { from_date: body.from }),
          ...(body.to === undefined ? {} : { to_date: body.to }),
          ...(body.reason === undefined ? {} : { reason: body.reason }),
        })
        .where('collectivity_id', '=', scope.collectivityId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  });
}

export async function deleteClosure(deps: AppDeps, scope: CatalogScope, id: string): Promise<undefined> {
  await change(deps, scope, 'closure.deleted', async (trx) =>
    trx
      .deleteFrom('closures')
      .where('collectivity_id', '=', scope.collectivityId)
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirstOrThrow(() => notFound('closure')),
  );
  return undefined;
}
