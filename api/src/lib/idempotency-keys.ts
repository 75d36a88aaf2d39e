import { sql } from 'kysely';
import { arrayLiteral } from '../db/array-literal.js';
import type { Db } from '../db/database.js';
import { run, type Statement, statement } from '../db/pipeline.js';
import type { Clock } from './clock.js';
import { CollectivityBatchLoader } from './collectivity-batch-loader.js';

/**
 * The statements on `idempotency_keys`. The claims, and the answers stored, of requests that
 * arrive together go as ONE statement each (per collectivity): at a registration rush two
 * thousand checkouts claim their keys at once, and two thousand single-row commits queued on the
 * pool before any checkout could run (the rush's p99 was 4.7 times the same burst to /healthz;
 * without the key statements at all, 2.1).
 *
 * Never a deadlock between batches, here or on another instance: every statement that locks
 * several keys (the claims, the answers, the checkout's drafts) locks them in the same order,
 * {@link KEY_ORDER}. A claim locks a key it finds held by another request too (ON CONFLICT DO
 * UPDATE locks the row even when its WHERE refuses the update), so order matters for it as well.
 */

/** Which key: every query on `idempotency_keys` is scoped by all four. */
export interface IdempotencyScope {
  collectivityId: string;
  accountId: string;
  route: string;
  key: string;
}

/** A key's row as a claim finds it. */
export interface KeyRow {
  request_hash: string;
  response_status: number | null;
  response_body: string | null;
  draft: string | null;
  /** True when this claim took the key: the request runs. */
  claimed: boolean;
}

/** How long an answer is replayed. */
const KEY_HOURS = 24;
/** How long a first request holds its key before a retry may take it over. */
export const LEASE_SECONDS = 60;
/** The most keys one statement claims or answers. */
const MAX_BATCH = 500;

/** The one order in which statements lock several keys of a collectivity (see above). */
const KEY_ORDER = sql.raw('account_id, route, key');

interface ClaimAsk {
  scope: IdempotencyScope;
  hash: string;
}

interface Answer {
  scope: IdempotencyScope;
  status: number;
  body: string | null;
}

// The database answers uuids in lower case.
const idOf = (s: { accountId: string; route: string; key: string }) => `${s.accountId.toLowerCase()}|${s.route}|${s.key}`;

/** The claims and answers of one database, batched per collectivity (row security scopes a statement to one). */
export class IdempotencyKeys {
  readonly #claims = new CollectivityBatchLoader((cid, asks: ClaimAsk[]) => this.#claimMany(cid, asks), MAX_BATCH);
  readonly #answers = new CollectivityBatchLoader((cid, answers: Answer[]) => this.#storeMany(cid, answers), MAX_BATCH);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Claims the key: a new key, an expired one, or one whose earlier attempt failed or whose
   * lease lapsed (same request, no answer) is ours (`claimed`); otherwise the row as it is, to
   * replay or refuse.
   */
  async claim(scope: IdempotencyScope, hash: string): Promise<KeyRow> {
    const row = await this.#claims.load(scope.collectivityId, { scope, hash });
    if (!row) throw new Error('idempotency key neither claimed nor found');
    return row;
  }

  /** Stores the answer of the request that held the key. */
  async storeAnswer(scope: IdempotencyScope, status: number, body: string | null): Promise<void> {
    await this.#answers.load(scope.collectivityId, { scope, status, body });
  }

  async #claimMany(cid: string, asks: ClaimAsk[]): Promise<Map<ClaimAsk, KeyRow>> {
    // One statement may not touch a row twice: a key asked twice at once (a client's retry
    // racing its first attempt) is claimed by the first ask; the second then finds it held.
    const first = new Map<string, ClaimAsk>();
    const again: ClaimAsk[] = [];
    for (const ask of asks) {
      if (first.has(idOf(ask.scope))) again.push(ask);
      else first.set(idOf(ask.scope), ask);
    }
    const rows = new Map<ClaimAsk, KeyRow>();
    const found = await claimRows(this.db, cid, [...first.values()], this.clock.now());
    for (const ask of first.values()) {
      // Missing when another statement inserted the key after this one's snapshot: seen now.
      const row = found.get(idOf(ask.scope)) ?? (await this.#claimAlone(cid, ask));
      if (row) rows.set(ask, row);
    }
    for (const ask of again) {
      const row = await this.#claimAlone(cid, ask);
      if (row) rows.set(ask, row);
    }
    return rows;
  }

  async #claimAlone(cid: string, ask: ClaimAsk): Promise<KeyRow | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const row = (await claimRows(this.db, cid, [ask], this.clock.now())).get(idOf(ask.scope));
      if (row) return row;
    }
    return undefined;
  }

  async #storeMany(cid: string, answers: Answer[]): Promise<Map<Answer, true>> {
    // A key is answered once (its holder's); the last word wins should one come twice. An
    // answer is what a draft already final is: `saveDrafts` stores it, locking in the same order.
    const byKey = new Map(answers.map((a) => [idOf(a.scope), a]));
    await saveDrafts(
      this.db,
      [...byKey.values()].map((a) => ({ scope: { ...a.scope, collectivityId: cid }, text: a.body, finalStatus: a.status })),
    );
    return new Map(answers.map((a) => [a, true]));
  }
}

/**
 * The row of the key `asked` names (a row of the statement's own list), looked up by primary
 * key, for a LATERAL join. OFFSET 0 keeps the planner from turning the lookups into a join:
 * under row security, and with keys added faster than statistics follow (two thousand in a
 * minute at a rush), it estimated the town's keys at a row and hashed, or nested-looped over,
 * every key of the town for each batch (4,400 keys × 250 asked: 764 ms holding the checkout's
 * locks). One index lookup per asked key costs the same however many keys the town holds.
 */
function keyRow(cid: string, asked: ReturnType<typeof sql.raw>) {
  return sql`select k.account_id, k.route, k.key, k.request_hash, k.response_status, k.response_body, k.draft
    from idempotency_keys k
    where k.collectivity_id = ${cid} and k.account_id = ${asked}.account_id and k.route = ${asked}.route and k.key = ${asked}.key
    offset 0`;
}

/** Claims distinct keys of one collectivity in one statement, in {@link KEY_ORDER}; the rows found, by key. */
async function claimRows(db: Db, cid: string, asks: ClaimAsk[], now: Date): Promise<Map<string, KeyRow>> {
  if (asks.length === 0) return new Map();
  const lease = new Date(now.getTime() + LEASE_SECONDS * 1000);
  const expires = new Date(now.getTime() + KEY_HOURS * 3_600_000);
  const column = (pick: (a: ClaimAsk) => string | null) => arrayLiteral(asks.map(pick));
  const { rows } = await sql<KeyRow & { account_id: string; route: string; key: string }>`
    with asked as materialized (
      select * from unnest(${column((a) => a.scope.accountId)}::text::uuid[], ${column((a) => a.scope.route)}::text::text[],
        ${column((a) => a.scope.key)}::text::text[], ${column((a) => a.hash)}::text::text[])
        as a(account_id, route, key, request_hash)
    ),
    claimed as (
      insert into idempotency_keys as k (collectivity_id, account_id, route, key, request_hash, locked_until, created_at, expires_at)
      select ${cid}::uuid, account_id, route, key, request_hash, ${lease}::timestamptz, ${now}::timestamptz, ${expires}::timestamptz
      from asked
      order by ${KEY_ORDER}
      on conflict (collectivity_id, account_id, route, key) do update set
        locked_until = excluded.locked_until,
        request_hash = excluded.request_hash,
        created_at = case when k.expires_at <= ${now}::timestamptz then excluded.created_at else k.created_at end,
        expires_at = case when k.expires_at <= ${now}::timestamptz then excluded.expires_at else k.expires_at end,
        draft = case when k.expires_at <= ${now}::timestamptz then null else k.draft end,
        response_status = null,
        response_body = null
      where k.expires_at <= ${now}::timestamptz
        or (k.request_hash = excluded.request_hash and k.response_status is null
            and (k.locked_until is null or k.locked_until <= ${now}::timestamptz))
      returning k.account_id, k.route, k.key, k.request_hash, k.response_status, k.response_body, k.draft, true as claimed
    )
    select * from claimed
    union all
    select k.account_id, k.route, k.key, k.request_hash, k.response_status, k.response_body, k.draft, false as claimed
    from asked a cross join lateral (${keyRow(cid, sql`a`)}) k
    where not exists (select 1 from claimed c where c.account_id = a.account_id and c.route = a.route and c.key = a.key)`.execute(
    db,
  );
  return new Map(
    rows.map((r) => [
      idOf({ accountId: r.account_id, route: r.route, key: r.key }),
      {
        request_hash: r.request_hash,
        response_status: r.response_status,
        response_body: r.response_body,
        draft: r.draft,
        claimed: r.claimed,
      },
    ]),
  );
}

/** Frees the key after an error answer: gone, unless a draft is committed for the retry to resume. */
export async function releaseKey(db: Db, scope: IdempotencyScope): Promise<void> {
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

/** What a request that commits in steps records under its key, in its own transaction. */
export interface DraftToSave {
  scope: IdempotencyScope;
  /** The answer's JSON text so far (null: an answer with no body). */
  text: string | null;
  /**
   * The status when `text` is already the final answer (nothing left to do after commit): it is
   * stored as the answer itself, and the middleware has nothing more to write.
   */
  finalStatus: number | null;
}

/**
 * Records, in the caller's transaction, what requests that commit in steps have committed so
 * far: if one then fails (or its process dies) before answering, its retry gets it as `draft`;
 * an answer already final is stored as the answer, to replay. The keys are locked in
 * {@link KEY_ORDER}, as the claims and answers lock them.
 */
export async function saveDrafts(db: Db, drafts: DraftToSave[]): Promise<void> {
  const save = draftsSave(db, drafts);
  if (save) await run(db, save);
}

/** {@link saveDrafts} as a statement, to pipeline with a transaction's other writes; null when there is none. */
export function draftsSave(db: Db, drafts: DraftToSave[]): Statement<void> | null {
  const first = drafts[0];
  if (!first) return null;
  const cid = first.scope.collectivityId;
  // One JSON document: the answers are JSON texts, all quotes, that JSON.stringify escapes in
  // one native pass (an array literal escaped them in JavaScript: 30 MB of a rush's 226 MB allocated).
  const rows = JSON.stringify(
    drafts.map((d) => ({
      account_id: d.scope.accountId,
      route: d.scope.route,
      key: d.scope.key,
      text: d.text,
      final_status: d.finalStatus,
    })),
  );
  return statement(
    sql`
    with s as (
      select * from json_to_recordset(${rows}::text::json) as s(account_id uuid, route text, key text, text text, final_status int)
    ),
    locked as materialized (
      select k.account_id, k.route, k.key
      from (select account_id, route, key from s order by ${KEY_ORDER} offset 0) o
      cross join lateral (${keyRow(cid, sql`o`)} for update) k
    )
    update idempotency_keys k set
      draft = case when s.final_status is null then s.text end,
      response_status = s.final_status,
      response_body = case when s.final_status is not null then s.text end,
      locked_until = case when s.final_status is null then k.locked_until end
    from s join locked using (account_id, route, key)
    where k.collectivity_id = ${cid} and k.account_id = s.account_id and k.route = s.route and k.key = s.key`.compile(db),
  );
}
