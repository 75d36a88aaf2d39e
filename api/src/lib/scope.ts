import type { Context } from 'hono';
import type { AgentRole } from '../db/schema.js';
import type { AppEnv, Caller, CollectivityContext } from './app-env.js';

// These read what the access middlewares set; a route declared with the matching access
// always has it, so a miss is a wiring bug (500), not a client error.

/** The collectivity of the path. */
export function requireCollectivity(c: Context<AppEnv>): CollectivityContext {
  const collectivity = c.get('collectivity');
  if (!collectivity) throw new Error(`${c.req.routePath}: no collectivity in scope`);
  return collectivity;
}

/** The signed-in caller. */
export function requireCaller(c: Context<AppEnv>): Caller {
  const caller = c.get('caller');
  if (!caller) throw new Error(`${c.req.routePath}: no caller in scope`);
  return caller;
}

/** A parent route's collectivity and household: every query of the route is scoped by both. */
export function householdScope(c: Context<AppEnv>): { collectivityId: string; householdId: string; accountId: string } {
  const householdId = c.get('householdId');
  if (!householdId) throw new Error(`${c.req.routePath}: no household in scope`);
  return { collectivityId: requireCollectivity(c).id, householdId, accountId: requireCaller(c).accountId };
}

/** An agent route's collectivity and agent. */
export function agentScope(c: Context<AppEnv>): { collectivityId: string; accountId: string } {
  if (!c.get('agentRole')) throw new Error(`${c.req.routePath}: no agent in scope`);
  return { collectivityId: requireCollectivity(c).id, accountId: requireCaller(c).accountId };
}

/** An agent route's collectivity, agent and role: for the rules that depend on the role. */
export function agentRoleScope(c: Context<AppEnv>): { collectivityId: string; accountId: string; role: AgentRole } {
  const role = c.get('agentRole');
  if (!role) throw new Error(`${c.req.routePath}: no agent in scope`);
  return { collectivityId: requireCollectivity(c).id, accountId: requireCaller(c).accountId, role };
}
