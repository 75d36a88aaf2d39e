import { createHash } from 'node:crypto';
import type { Endpoint } from '@foyer/sdk/contract';
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from './api-error.js';
import type { AppEnv } from './app-env.js';
import { IdempotencyKeys, type IdempotencyScope, type KeyRow, LEASE_SECONDS, releaseKey } from './idempotency-keys.js';
import { jsonTextOf } from './route.js';

export { type DraftToSave, draftsSave, type IdempotencyScope, saveDrafts } from './idempotency-keys.js';

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
 *   committed a draft (see {@link saveDrafts}), which the retry resumes from.
 */

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;
/** How long a duplicate waits for the first request's answer before it is told to retry. */
const MAX_WAIT_MS = 5_000;

/** What the handler of an idempotent endpoint receives (`c.get('idempotency')`). */
export interface IdempotencyClaim {
  scope: IdempotencyScope;
  /** The draft an earlier attempt with this key committed, to resume from; null on a first run. */
  draft: string | null;
  /**
   * Set by the handler once its transaction has committed its final answer under the key
   * (`saveDrafts` with a `finalStatus`): if that is the answer sent, nothing more is written.
   */
  committedAnswer?: { status: number; text: string | null };
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
async function claimOrWait(keys: IdempotencyKeys, scope: IdempotencyScope, hash: string): Promise<KeyRow> {
  let waited = 0;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    const row = await keys.claim(scope, hash);
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

/** One batcher of key statements per database: every idempotent endpoint's requests batch together. */
const keysByDb = new WeakMap<AppDeps['db'], IdempotencyKeys>();
function keysOf(deps: AppDeps): IdempotencyKeys {
  let keys = keysByDb.get(deps.db);
  if (!keys) {
    keys = new IdempotencyKeys(deps.db, deps.clock);
    keysByDb.set(deps.db, keys);
  }
  return keys;
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
  const keys = keysOf(deps);
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
    const row = await claimOrWait(keys, scope, hash);
    if (!row.claimed) return replay(row);
    c.set('idempotency', { scope, draft: row.draft });
    await next();
    if (c.error || c.res.status >= 400) {
      await releaseKeySoon(deps.db, scope);
      return;
    }
    // The bytes stored are the bytes sent: the replay is identical, key order included.
    // (Asking a response for its body would build the full Response that @hono/node-server avoids.)
    const body = jsonTextOf(c.res) ?? (c.res.body === null ? null : await c.res.clone().text());
    const committed = c.get('idempotency')?.committedAnswer;
    if (committed && committed.status === c.res.status && committed.text === body) return;
    await keys.storeAnswer(scope, c.res.status, body).catch(async (err: unknown) => {
      // The work is committed (as a draft, for the handlers that commit) but its answer could
      // not be kept (the disk full, the database gone): the error answer goes out, and the key
      // is freed now rather than held for its lease, so that the retry resumes at once.
      await releaseKeySoon(deps.db, scope);
      throw err;
    });
  };
}
