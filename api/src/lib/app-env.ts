import type { AgentRole } from '../db/schema.js';
import type { SchoolZone } from '../domain/school-holidays.js';
import type { IdempotencyClaim } from './idempotency.js';
import type { Logger } from './logger.js';

/** The collectivity named by `:c`, resolved once per request. */
export interface CollectivityContext {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  schoolHolidayZone: SchoolZone;
  alsaceMoselle: boolean;
  /** The town's page that embeds Foyer: where email links and payment returns lead. */
  portalUrl: string | null;
}

/** Who is calling, from a verified access token. */
export interface Caller {
  accountId: string;
}

/** Typed per-request variables of the Hono app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    caller: Caller | undefined;
    collectivity: CollectivityContext | undefined;
    /** Set on parent routes: the caller's household in this collectivity. */
    householdId: string | undefined;
    /** Set on agent routes. */
    agentRole: AgentRole | undefined;
    /** Set on idempotent routes: the key this request holds (see idempotency.ts). */
    idempotency: IdempotencyClaim | undefined;
  };
}
