import type { AgentRole, adminAgents } from '@foyer/sdk/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { seesOnlyAssignedSites } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import { audit } from '../../lib/audit.js';
import { forgetAgentMembership } from '../auth/access.js';
import { hashToken, newSecretToken } from '../auth/secret-tokens.js';
import { enqueueEmail } from '../mail/outbox.js';
import { linkWithToken } from '../mail/token-link.js';
import { agentInvitationEmail } from './agent-email.js';
import { dropAgentSites, sitesByMembership } from './agent-sites.js';

/** What inviting an agent needs: the API's dependencies, or the CLI's. */
export type AgentDeps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** The collectivity's agents, admins first, with the sites of each animator. */
export async function listAgents(db: Db, collectivityId: string, now: Date, membershipId?: string): Promise<adminAgents.Agent[]> {
  let query = db
    .selectFrom('memberships as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select([
      'm.id',
      'm.role',
      'a.id as account_id',
      'a.email',
      'a.display_name',
      'a.password_hash',
      (eb) =>
        eb
          .selectFrom('password_reset_tokens as t')
          .select(sql<Date | null>`max(t.expires_at)`.as('expires'))
          .whereRef('t.account_id', '=', 'a.id')
          .where('t.used_at', 'is', null)
          .where('t.expires_at', '>', now)
          .as('invitation_expires_at'),
    ])
    .where('m.collectivity_id', '=', collectivityId)
    .where('m.kind', '=', 'agent');
  if (membershipId) query = query.where('m.id', '=', membershipId);
  const rows = await query.orderBy('m.role').orderBy('a.email').execute();
  const sites = await sitesByMembership(db, collectivityId);
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    email: r.email,
    displayName: r.display_name,
    role: r.role ?? 'agent',
    status: r.password_hash === null ? 'invited' : 'active',
    invitationExpiresAt:
      r.password_hash === null && r.invitation_expires_at ? new Date(r.invitation_expires_at).toISOString() : null,
    sites: r.role && seesOnlyAssignedSites(r.role) ? (sites.get(r.id) ?? []) : null,
  }));
}

/**
 * Gives an email a role in the collectivity. A new email gets an account without a password
 * and a link to choose one (valid as long as a family's invitation); an existing account gets
 * the role at once. Throws 409 `already_agent` when the account is already one of its agents.
 */
export async function inviteAgent(
  deps: AgentDeps,
  input: { collectivityId: string; email: string; role: AgentRole; displayName?: string | null; invitedBy: string | null },
): Promise<adminAgents.Agent> {
  const now = deps.clock.now();
  const email = input.email.trim().toLowerCase();
  const membershipId = await deps.db.transaction().execute(async (trx) => {
    const collectivity = await trx
      .selectFrom('collectivities')
      .select(['name', 'slug'])
      .where('id', '=', input.collectivityId)
      .executeTakeFirstOrThrow(() => notFound('collectivity'));
    const existing = await trx
      .selectFrom('accounts')
      .select(['id', 'password_hash'])
      .where('email', '=', email)
      .executeTakeFirst();
    const account =
      existing ??
      (await trx
        .insertInto('accounts')
        .values({ email, display_name: input.displayName ?? '', password_hash: null })
        .returning(['id', 'password_hash'])
        .executeTakeFirstOrThrow());
    const membership = await trx
      .insertInto('memberships')
      .values({ collectivity_id: input.collectivityId, account_id: account.id, kind: 'agent', role: input.role })
      .onConflict((oc) => oc.columns(['collectivity_id', 'account_id']).where('kind', '=', sql.lit('agent')).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!membership) throw new ApiError(409, 'already_agent', 'Cette personne est déjà agent de la collectivité.');
    await trx
      .insertInto('account_collectivities')
      .values({ account_id: account.id, collectivity_id: input.collectivityId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const page = new URL('/admin/', deps.config.publicUrl).toString();
    let link = page;
    let expiresAt: Date | null = null;
    if (account.password_hash === null) {
      const token = newSecretToken();
      expiresAt = new Date(now.getTime() + deps.config.auth.invitationSeconds * 1000);
      await trx
        .insertInto('password_reset_tokens')
        .values({
          token_hash: hashToken(token),
          account_id: account.id,
          collectivity_slug: collectivity.slug,
          expires_at: expiresAt,
        })
        .execute();
      // In the fragment, like every emailed token: never sent to a server, never in its logs.
      link = linkWithToken(page, 'foyer-reset', token);
    }
    await enqueueEmail(
      trx,
      agentInvitationEmail({
        to: email,
        collectivityName: collectivity.name,
        role: input.role,
        link,
        expiresAt,
      }),
      { now, collectivityId: input.collectivityId },
    );
    await audit(trx, {
      collectivityId: input.collectivityId,
      actorAccountId: input.invitedBy,
      action: 'agent.invited',
      objectType: 'membership',
      objectId: membership.id,
      details: { email, role: input.role },
      at: now,
    });
    return membership.id;
  });
  const [agent] = await listAgents(deps.db, input.collectivityId, now, membershipId);
  if (!agent) throw notFound('agent');
  return agent;
}

/** Refuses a change that would leave the collectivity without an admin. */
async function keepAnAdmin(db: Db, collectivityId: string, membershipId: string): Promise<void> {
  const admins = await db
    .selectFrom('memberships')
    .select('id')
    .where('collectivity_id', '=', collectivityId)
    .where('kind', '=', 'agent')
    .where('role', '=', 'admin')
    .forUpdate()
    .execute();
  if (admins.length === 1 && admins[0]?.id === membershipId) {
    throw new ApiError(409, 'last_admin', 'La collectivité doit garder au moins un administrateur.');
  }
}

/** Changes an agent's role (or removes it with `role: null`), keeping at least one admin. */
export async function changeAgent(
  deps: AgentDeps,
  input: { collectivityId: string; membershipId: string; role: AgentRole | null; by: string | null },
): Promise<adminAgents.Agent | undefined> {
  const now = deps.clock.now();
  const accountId = await deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('memberships')
      .select(['role', 'account_id'])
      .where('collectivity_id', '=', input.collectivityId)
      .where('id', '=', input.membershipId)
      .where('kind', '=', 'agent')
      .executeTakeFirstOrThrow(() => notFound('agent'));
    if (current.role === 'admin' && input.role !== 'admin') await keepAnAdmin(trx, input.collectivityId, input.membershipId);
    if (input.role === null) {
      await trx
        .deleteFrom('memberships')
        .where('collectivity_id', '=', input.collectivityId)
        .where('id', '=', input.membershipId)
        .execute();
    } else {
      await trx
        .updateTable('memberships')
        .set({ role: input.role })
        .where('collectivity_id', '=', input.collectivityId)
        .where('id', '=', input.membershipId)
        .execute();
      if (!seesOnlyAssignedSites(input.role)) await dropAgentSites(trx, input.collectivityId, input.membershipId);
    }
    await audit(trx, {
      collectivityId: input.collectivityId,
      actorAccountId: input.by,
      action: input.role === null ? 'agent.removed' : 'agent.role_changed',
      objectType: 'membership',
      objectId: input.membershipId,
      details: { from: current.role, to: input.role },
      at: now,
    });
    return current.account_id;
  });
  // The old role must not keep opening doors for the cache's lifetime.
  forgetAgentMembership(deps, input.collectivityId, accountId);
  if (input.role === null) return undefined;
  const [agent] = await listAgents(deps.db, input.collectivityId, now, input.membershipId);
  return agent;
}
