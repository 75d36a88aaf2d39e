import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * Idempotency keys for every `idempotent` endpoint (not only checkout): scoped by route too, the
 * answer kept as the exact text sent (jsonb reordered its keys on replay), a lease while the
 * first request runs, and a draft a request that commits in steps can be resumed from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
alter table idempotency_keys add column route text;
update idempotency_keys set route = 'POST /v1/collectivities/:c/cart/checkout';
alter table idempotency_keys alter column route set not null;
alter table idempotency_keys alter column response_body type text using response_body::text;
alter table idempotency_keys add column draft text;
alter table idempotency_keys add column locked_until timestamptz;
alter table idempotency_keys drop constraint idempotency_keys_pkey;
alter table idempotency_keys add primary key (collectivity_id, account_id, route, key);
-- Tenant data: even the sweeper's index leads with the collectivity (see the tenancy test).
create index idempotency_keys_expiry on idempotency_keys (collectivity_id, expires_at);
`,
  );
}
