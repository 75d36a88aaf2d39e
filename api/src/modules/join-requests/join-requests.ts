import type { adminJoinRequests } from '@foyer/sdk/contract';
import type { Selectable } from 'kysely';
import type { InferOutput } from 'valibot';
import type { Db } from '../../db/database.js';
import type { JoinRequestsTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { audit } from '../../lib/audit.js';
import { enqueueEmail } from '../mail/outbox.js';
import { joinDecisionEmail } from './join-request-emails.js';

type JoinRequest = adminJoinRequests.JoinRequest;
type Row = Selectable<JoinRequestsTable> & { email: string };

function view(row: Row, collectivity: CollectivityContext): JoinRequest {
  const d = row.details;
  return {
    id: row.id,
    status: row.status,
    collectivity: { slug: collectivity.slug, name: collectivity.name },
    email: row.email,
    householdName: d.householdName,
    firstName: d.firstName,
    lastName: d.lastName,
    phone: d.phone,
    address: d.address,
    children: d.children,
    message: d.message,
    householdId: row.household_id,
    refusalReason: row.refusal_reason,
    createdAt: new Date(row.created_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
  };
}

function select(db: Db, collectivityId: string) {
  return db
    .selectFrom('join_requests as j')
    .innerJoin('accounts as a', 'a.id', 'j.account_id')
    .selectAll('j')
    .select('a.email')
    .where('j.collectivity_id', '=', collectivityId);
}

/** A signed-in parent asks the collectivity to take their family in. */
export async function createJoinRequest(
  deps: AppDeps,
  collectivity: CollectivityContext,
  accountId: string,
  body: InferOutput<typeof adminJoinRequests.JoinRequestInput>,
): Promise<JoinRequest> {
  const member = await deps.db
    .selectFrom('memberships')
    .select('id')
    .where('collectivity_id', '=', collectivity.id)
    .where('account_id', '=', accountId)
    .where('kind', '=', 'parent')
    .executeTakeFirst();
  if (member) throw new ApiError(409, 'already_member', 'Votre foyer est déjà rattaché à cette collectivité.');
  const created = await deps.db
    .insertInto('join_requests')
    .values({
      collectivity_id: collectivity.id,
      account_id: accountId,
      status: 'pending',
      details: JSON.stringify({
        householdName: body.householdName,
        firstName: body.firstName,
        lastName: body.lastName,
        phone: body.phone ?? null,
        address: body.address ?? null,
        children: body.children,
        message: body.message ?? null,
      }),
      created_at: deps.clock.now(),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!created) throw new ApiError(409, 'join_request_pending', 'Une demande attend déjà la réponse de cette collectivité.');
  return view(await select(deps.db, collectivity.id).where('j.id', '=', created.id).executeTakeFirstOrThrow(), collectivity);
}

/** The caller's own requests to the collectivity, newest first. */
export async function listMyJoinRequests(db: Db, collectivity: CollectivityContext, accountId: string): Promise<JoinRequest[]> {
  const rows = await select(db, collectivity.id).where('j.account_id', '=', accountId).orderBy('j.created_at', 'desc').execute();
  return rows.map((r) => view(r, collectivity));
}

/** The collectivity's join requests, pending ones first then newest. */
export async function listJoinRequests(
  db: Db,
  collectivity: CollectivityContext,
  status: JoinRequest['status'] | undefined,
): Promise<JoinRequest[]> {
  let query = select(db, collectivity.id);
  if (status) query = query.where('j.status', '=', status);
  const rows = await query.orderBy('j.created_at', 'desc').execute();
  return rows.map((r) => view(r, collectivity));
}

/** Creates the household a request describes, with its guardian (the parent) and children. */
async function householdFromRequest(trx: Db, collectivityId: string, row: Row, now: Date): Promise<string> {
  const d = row.details;
  const household = await trx
    .insertInto('households')
    .values({ collectivity_id: collectivityId, name: d.householdName, phone: d.phone, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (d.children.length > 0) {
    await trx
      .insertInto('children')
      .values(
        d.children.map((child) => ({
          collectivity_id: collectivityId,
          household_id: household.id,
          first_name: child.firstName,
          last_name: child.lastName,
          birth_date: child.birthDate,
          authorised_pickups: '[]',
        })),
      )
      .execute();
  }
  return household.id;
}

/** Accepts a request: the account becomes a guardian of an existing household or of a new one. */
export async function decideJoinRequest(
  deps: AppDeps,
  collectivity: CollectivityContext,
  agentAccountId: string,
  id: string,
  decision: { accept: true; householdId?: string | undefined } | { accept: false; reason: string },
): Promise<JoinRequest> {
  const now = deps.clock.now();
  const cid = collectivity.id;
  await deps.db.transaction().execute(async (trx) => {
    const row = await select(trx, cid)
      .where('j.id', '=', id)
      .forUpdate('j')
      .executeTakeFirstOrThrow(() => notFound('join request'));
    if (row.status !== 'pending') {
      throw new ApiError(409, 'join_request_decided', 'Cette demande a déjà reçu une réponse.', {
        extra: { status: row.status },
      });
    }
    let householdId: string | null = null;
    if (decision.accept) {
      if (decision.householdId) {
        await trx
          .selectFrom('households')
          .select('id')
          .where('collectivity_id', '=', cid)
          .where('id', '=', decision.householdId)
          .executeTakeFirstOrThrow(() => notFound('household'));
      }
      householdId = decision.householdId ?? (await householdFromRequest(trx, cid, row, now));
      await linkParent(trx, cid, householdId, row);
    }
    await trx
      .updateTable('join_requests')
      .set({
        status: decision.accept ? 'accepted' : 'refused',
        household_id: householdId,
        refusal_reason: decision.accept ? null : decision.reason,
        decided_by: agentAccountId,
        decided_at: now,
      })
      .where('collectivity_id', '=', cid)
      .where('id', '=', id)
      .execute();
    await enqueueEmail(
      trx,
      joinDecisionEmail({
        to: row.email,
        collectivityName: collectivity.name,
        accepted: decision.accept,
        reason: decision.accept ? null : decision.reason,
        link: collectivity.portalUrl ?? `${deps.config.publicUrl}/`,
      }),
      { now, collectivityId: cid },
    );
    await audit(trx, {
      collectivityId: cid,
      actorAccountId: agentAccountId,
      action: decision.accept ? 'join_request.accepted' : 'join_request.refused',
      objectType: 'join_request',
      objectId: id,
      details: { householdId },
      at: now,
    });
  });
  return view(await select(deps.db, cid).where('j.id', '=', id).executeTakeFirstOrThrow(), collectivity);
}

/** Makes the requesting account a parent of the household, and one of its guardians. */
async function linkParent(trx: Db, collectivityId: string, householdId: string, row: Row): Promise<void> {
  const membership = await trx
    .insertInto('memberships')
    .values({ collectivity_id: collectivityId, account_id: row.account_id, kind: 'parent', household_id: householdId })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!membership) throw new ApiError(409, 'already_member', 'Ce compte est déjà rattaché à un foyer de la collectivité.');
  await trx
    .insertInto('account_collectivities')
    .values({ account_id: row.account_id, collectivity_id: collectivityId })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const known = await trx
    .selectFrom('guardians')
    .select('id')
    .where('collectivity_id', '=', collectivityId)
    .where('household_id', '=', householdId)
    .where('email', '=', row.email)
    .executeTakeFirst();
  if (known) {
    await trx
      .updateTable('guardians')
      .set({ account_id: row.account_id })
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', known.id)
      .execute();
    return;
  }
  await trx
    .insertInto('guardians')
    .values({
      collectivity_id: collectivityId,
      household_id: householdId,
      account_id: row.account_id,
      first_name: row.details.firstName,
      last_name: row.details.lastName,
      email: row.email,
      phone_mobile: row.details.phone,
    })
    .execute();
}
