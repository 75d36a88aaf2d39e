import { createHash } from 'node:crypto';
import type { Endpoint } from '@foyer/sdk/contract';
import type { Context, MiddlewareHandler } from 'hono';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from './api-error.js';
import type { AppEnv } from './app-env.js';

/**
 * Idempotency, in one place, for every endpoint the contract marks `idempotent`:
 *
 * - the `Idempotency-Key` header is required (400 `idempotency_key_required`, or
 *   `validation_failed` when it is not 8 to 200 letters, digits or `_.:-`);
 * - a key belongs to one collectivity, one caller (account) and one route: another caller's
 *   same key is another key;
 * - the first request claims the key; its successful answer is stored as the exact text sent,
 *   and a replay answers the same status and the same bytes, without running the handler;
 * - the same key with another body is refused (422 `idempotency_key_mismatch`);
 * - a duplicate sent while the first still runs (a client's retry racing its first attempt,
 *   possibly on another instance) waits for the first one's answer and replays it, polling the
 *   key; after {@link MAX_WAIT_MS} it is answered 409 `idempotency_key_in_use` (retry in a
 *   moment). It never runs twice. The claim is a lease: if the first request's process died, a
 *   retry after {@link LEASE_SECONDS} takes the key over;
 * - an error answer is not stored: the key is freed and a retry runs afresh, unless the handler
 *   committed a draft (see {@link IdempotencyClaim.saveDraft}), which the retry resumes from.
 */

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;
/** How long an answer is replayed. */
const KEY_HOURS = 24;
/** How long a first request holds its key before a retry may take it over. */
const LEASE_SECONDS = 60;
/** How long a duplicate waits for the first request's answer before it is told to retry. */
const MAX_WAIT_MS = 5_000;

/** Which key: every query on `idempotency_keys` is scoped by all four. */
export interface IdempotencyScope {
  collectivityId: string;
  accountId: string;
  route: string;
  key: string;
}

/** What the handler of an idempotent endpoint receives (`c.get('idempotency')`). */
export interface IdempotencyClaim {
  scope: IdempotencyScope;
  /** The draft an earlier attempt with this key committed, to resume from; null on a first run. */
  draft: string | null;
}

/**
 * Records, in the caller's transaction, what a request that commits in steps has committed so
 * far: if it then fails (or its process dies) before answering, the retry gets it as `draft`.
 */
export async function saveDrafts(db: Db, drafts: { scope: IdempotencyScope; draft: string }[]): Promise<void> {
  if (drafts.length === 0) return;
  const first = drafts[0] as (typeof drafts)[number];
  await sql`
    update idempotency_keys k set draft = s.draft
    from unnest(${drafts.map((d) => d.scope.accountId)}::uuid[], ${drafts.map((d) => d.scope.key)}::text[],
      ${drafts.map((d) => d.draft)}::text[]) as s(account_id, key, draft)
    where k.collectivity_id = ${first.scope.collectivityId} and k.route = ${first.scope.route}
      and k.account_id = s.account_id and k.key = s.key`.execute(db);
}

/** The claim of the current request, on an idempotent endpoint's handler. */
export function requireIdempotency(c: Context<AppEnv>): IdempotencyClaim {
  const claim = c.get('idempotency');
  if (!claim) throw new Error(`${c.req.method} ${c.req.path} is not marked idempotent in the contract`);
  return claim;
}

function readKey(c: Context<AppEnv>): string {
  const key = c.req.header('idempotency-key');
  if (!key)
    throw new ApiError(400, 'idempotency_key_required', 'Send an Idempotency-Key header (a new random value per request).');
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError(400, 'validation_failed', 'The Idempotency-Key must be 8 to 200 letters, digits or _.:-', {
      errors: [{ path: 'headers.idempotency-key', message: 'must be 8 to 200 letters, digits or _.:-' }],
    });
  }
  return key;
}

interface KeyRow {
  request_hash: string;
  response_status: number | null;
  response_body: string | null;
  draft: string | null;
  claimed: boolean;
}

/**
 * Claims the key in one statement: a new key, an expired one, or one whose earlier attempt
 * failed or whose lease lapsed (same request, no answer) is ours (`claimed`); otherwise the row
 * as it is, to replay or refuse.
 */
async function tryClaim(db: Db, scope: IdempotencyScope, hash: string, now: Date): Promise<KeyRow | undefined> {
  const lease = new Date(now.getTime() + LEASE_SECONDS * 1000);
  const expires = new Date(now.getTime() + KEY_HOURS * 3_600_000);
  const { rows } = await sql<KeyRow>`
    with claimed as (
      insert into idempotency_keys as k (collectivity_id, account_id, route, key, request_hash, locked_until, created_at, expires_at)
      values (${scope.collectivityId}, ${scope.accountId}, ${scope.route}, ${scope.key}, ${hash}, ${lease}, ${now}, ${expires})
      on conflict (collectivity_id, account_id, route, key) do update set
        locked_until = excluded.locked_until,
        request_hash = excluded.request_hash,
        created_at = case when k.expires_at <= ${now} then excluded.created_at else k.created_at end,
        expires_at = case when k.expires_at <= ${now} then excluded.expires_at else k.expires_at end,
        draft = case when k.expires_at <= ${now} then null else k.draft end,
        response_status = null,
        response_body = null
      where k.expires_at <= ${now}
        or (k.request_hash = excluded.request_hash and k.response_status is null
            and (k.locked_until is null or k.locked_until <= ${now}))
      returning request_hash, response_status, response_body, draft, true as claimed
    )
    select * from claimed
    union all
    select request_hash, response_status, response_body, draft, false as claimed
    from idempotency_keys
    where collectivity_id = ${scope.collectivityId} and account_id = ${scope.accountId}
      and route = ${scope.route} and key = ${scope.key}
      and not exists (select 1 from claimed)`.execute(db);
  return rows[0];
}

async function claimKey(db: Db, scope: IdempotencyScope, hash: string, now: Date): Promise<KeyRow> {
  // Empty only when a duplicate inserted the key after this statement's snapshot: then it is seen.
  const row = (await tryClaim(db, scope, hash, now)) ?? (await tryClaim(db, scope, hash, now));
  if (!row) throw new Error('idempotency key neither claimed nor found');
  return row;
}

/** Stores the answer of the request that held the key. */
async function storeAnswer(db: Db, scope: IdempotencyScope, status: number, body: string | null): Promise<void> {
  await sql`
    update idempotency_keys set response_status = ${status}, response_body = ${body}, draft = null, locked_until = null
    where collectivity_id = ${scope.collectivityId} and account_id = ${scope.accountId}
      and route = ${scope.route} and key = ${scope.key}`.execute(db);
}

/** Frees the key after an error answer: gone, unless a draft is committed for the retry to resume. */
async function releaseKey(db: Db, scope: IdempotencyScope): Promise<void> {
  await sql`
    with gone as (
      delete from idempotency_keys
      where collectivity_id = ${scope.collectivityId} and account_id = ${scope.accountId}
        and route = ${scope.route} and key = ${scope.key} and draft is null and response_status is null
    )
    update idempotency_keys set locked_until = null
    where collectivity_id = ${scope.collectivityId} and account_id = ${scope.accountId}
      and route = ${scope.route} and key = ${scope.key} and draft is not null`.execute(db);
}

/** `releaseKey` within a second: true when done. */
function releaseKeyWithinASecond(db: Db, scope: IdempotencyScope): Promise<boolean> {
  return Promise.race([
    releaseKey(db, scope).then(
      () => true,
      () => false,
    ),
    pause(1000).then(() => false),
  ]);
}

/** How often a key not yet released is tried again in the background. */
const RELEASE_RETRY_MS = 2_000;

/**
 * `releaseKey`, bounded: after the database dropped its connections (a restart, a failover),
 * a query sent on a pooled connection not yet known dead can stay unanswered (seen with
 * postgres.js), and the error answer would never leave. Each try gets a second; a later one
 * runs on a fresh connection. If none succeeds (the database still away, or the disk full: keeping
 * a draft is an update, which needs room), the error answer goes out and the release is tried
 * again in the background until the key's lease would free it anyway, so that a retry sent once
 * the database is back resumes at once instead of waiting out the lease (409 meanwhile).
 */
async function releaseKeySoon(db: Db, scope: IdempotencyScope): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await releaseKeyWithinASecond(db, scope)) return;
  }
  const giveUpAt = performance.now() + LEASE_SECONDS * 1000;
  const again = () => {
    if (performance.now() > giveUpAt) return;
    void releaseKeyWithinASecond(db, scope).then((released) => {
      if (!released) setTimeout(again, RELEASE_RETRY_MS).unref();
    });
  };
  setTimeout(again, RELEASE_RETRY_MS).unref();
}

function replay(row: KeyRow): Response {
  const status = row.response_status ?? 200;
  return new Response(row.response_body, {
    status,
    headers: {
      ...(row.response_body === null ? {} : { 'Content-Type': 'application/json' }),
      'Idempotent-Replayed': 'true',
    },
  });
}

/** Waits (a real wait, not the app's clock) before polling a key again. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Claims the key, or, while another request holds it, polls it until that one answers (its
 * answer is then ours to replay) or fails (the key is then ours to run).
 */
async function claimOrWait(deps: AppDeps, scope: IdempotencyScope, hash: string): Promise<KeyRow> {
  let waited = 0;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    const row = await claimKey(deps.db, scope, hash, deps.clock.now());
    if (row.request_hash !== hash) {
      throw new ApiError(422, 'idempotency_key_mismatch', 'This Idempotency-Key was used for another request: use a new key.');
    }
    if (row.claimed || row.response_status !== null) return row;
    if (waited >= MAX_WAIT_MS) {
      throw new ApiError(409, 'idempotency_key_in_use', 'The same request is still running: try again in a moment.', {
        headers: { 'Retry-After': '1' },
      });
    }
    await pause(delay);
    waited += delay;
  }
}

/**
 * The middleware of one idempotent endpoint, mounted after access control (it needs the
 * caller and the collectivity). Refused when the app is built for a route without either.
 */
export function idempotency(deps: AppDeps, endpoint: Endpoint, access: string): MiddlewareHandler<AppEnv> {
  const route = `${endpoint.method} ${endpoint.path}`;
  if (access === 'public' || !endpoint.path.includes('/:c/')) {
    throw new Error(`${route}: an idempotent route needs a caller and a collectivity to scope its keys`);
  }
  return async function idempotent(c, next) {
    const key = readKey(c);
    const caller = c.get('caller');
    const collectivity = c.get('collectivity');
    if (!caller || !collectivity) throw new Error(`${route}: no caller or collectivity before the idempotency middleware`);
    const scope: IdempotencyScope = { collectivityId: collectivity.id, accountId: caller.accountId, route, key };
    // The request is its body: the path is the route's (the collectivity is in the scope).
    const hash = createHash('sha256')
      .update(await c.req.text())
      .digest('hex');
    const row = await claimOrWait(deps, scope, hash);
    if (!row.claimed) return replay(row);
    c.set('idempotency', { scope, draft: row.draft });
    await next();
    if (c.error || c.res.status >= 400) {
      await releaseKeySoon(deps.db, scope);
      return;
    }
    // The bytes stored are the bytes sent: the replay is identical, key order included.
    const body = c.res.body === null ? null : await c.res.clone().text();
    await storeAnswer(deps.db, scope, c.res.status, body).catch(async (err: unknown) => {
      // The work is committed (as a draft, for the handlers that commit) but its answer could
      // not be kept (the disk full, the database gone): the error answer goes out, and the key
      // is freed now rather than held for its lease, so that the retry resumes at once.
      await releaseKeySoon(deps.db, scope);
      throw err;
    });
  };
}
