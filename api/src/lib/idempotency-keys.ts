import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { BatchLoader } from './batch-loader.js';

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
  claimed: boolean;
}

/** How long an answer is replayed. */
const KEY_HOURS = 24;
/** How long a first request holds its key before a retry may take it over. */
export const LEASE_SECONDS = 60;

interface ClaimAsk {
  scope: IdempotencyScope;
  hash: string;
  now: Date;
}

interface AnswerToStore {
  scope: IdempotencyScope;
  status: number;
  body: string | null;
}

// The database answers uuids in lower case.
const scopeId = (s: IdempotencyScope) => `${s.collectivityId.toLowerCase()}|${s.accountId.toLowerCase()}|${s.route}|${s.key}`;

/**
 * The statements on `idempotency_keys`, with the claims and the stored answers of requests
 * arriving together sent as ONE statement each: at a registration rush two thousand checkouts
 * claim their keys at once, and two thousand single-row commits would queue on the pool before
 * any checkout starts (the rush's p99 went from 0.7 s to 3–5 s when each claim was its own).
 */
export class IdempotencyKeys {
  readonly #claims: BatchLoader<ClaimAsk, KeyRow>;
  readonly #answers: BatchLoader<AnswerToStore, true>;

  constructor(private readonly db: Db) {
    this.#claims = new BatchLoader((asks) => this.#claimMany(asks), 1000);
    this.#answers = new BatchLoader((answers) => this.#storeMany(answers), 1000);
  }

  /**
   * Claims the key: a new key, an expired one, or one whose earlier attempt failed or whose
   * lease lapsed (same request, no answer) is ours (`claimed`); otherwise the row as it is, to
   * replay or refuse.
   */
  async claim(scope: IdempotencyScope, hash: string, now: Date): Promise<KeyRow> {
    const row = await this.#claims.load({ scope, hash, now });
    if (!row) throw new Error('idempotency key neither claimed nor found');
    return row;
  }

  /** Stores the answer of the request that held the key. */
  async storeAnswer(scope: IdempotencyScope, status: number, body: string | null): Promise<void> {
    await this.#answers.load({ scope, status, body });
  }

  async #claimMany(asks: ClaimAsk[]): Promise<Map<ClaimAsk, KeyRow>> {
    // One statement may not touch a row twice: a key asked twice at once (a client's retry
    // racing its first attempt) is claimed by the first ask, and the second then finds it held.
    const first = new Map<string, ClaimAsk>();
    const again: ClaimAsk[] = [];
    for (const ask of asks) {
      if (first.has(scopeId(ask.scope))) again.push(ask);
      else first.set(scopeId(ask.scope), ask);
    }
    const rows = new Map<ClaimAsk, KeyRow>();
    // In key order: two batches claiming some of the same keys lock them in the same order,
    // and so never deadlock.
    const sorted = [...first.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, ask]) => ask);
    const found = await claimRows(this.db, sorted);
    for (const ask of first.values()) {
      // Missing only when a concurrent statement inserted the key after this one's snapshot.
      const row = found.get(scopeId(ask.scope)) ?? (await claimRows(this.db, [ask])).get(scopeId(ask.scope));
      if (row) rows.set(ask, row);
    }
    for (const ask of again) {
      const row = (await claimRows(this.db, [ask])).get(scopeId(ask.scope));
      if (row) rows.set(ask, row);
    }
    return rows;
  }

  async #storeMany(answers: AnswerToStore[]): Promise<Map<AnswerToStore, true>> {
    // Grouped by collectivity and route: the statement's scope stays explicit.
    const groups = new Map<string, AnswerToStore[]>();
    for (const a of answers) {
      const group = `${a.scope.collectivityId}|${a.scope.route}`;
      groups.set(group, [...(groups.get(group) ?? []), a]);
    }
    for (const group of groups.values()) {
      const { collectivityId, route } = (group[0] as AnswerToStore).scope;
      // The rows are locked in key order first, as the claims lock them: never a deadlock
      // with a batch of claims polling some of these keys.
      await sql`
        with s as (
          select * from unnest(${group.map((a) => a.scope.accountId)}::uuid[], ${group.map((a) => a.scope.key)}::text[],
            ${group.map((a) => a.status)}::int[], ${group.map((a) => a.body)}::text[]) as s(account_id, key, status, body)
        ),
        locked as (
          select k.account_id, k.key from idempotency_keys k join s using (account_id, key)
          where k.collectivity_id = ${collectivityId} and k.route = ${route}
          order by k.account_id, k.key
          for update of k
        )
        update idempotency_keys k
        set response_status = s.status, response_body = s.body, draft = null, locked_until = null
        from s join locked using (account_id, key)
        where k.collectivity_id = ${collectivityId} and k.route = ${route}
          and k.account_id = s.account_id and k.key = s.key`.execute(this.db);
    }
    return new Map(answers.map((a) => [a, true]));
  }
}

/** Claims distinct keys in one statement; the rows, by scope. */
async function claimRows(db: Db, asks: ClaimAsk[]): Promise<Map<string, KeyRow>> {
  if (asks.length === 0) return new Map();
  // The batch's instant: the asks of one batch arrived within the same turn of the event loop.
  const now = (asks[0] as ClaimAsk).now;
  const lease = new Date(now.getTime() + LEASE_SECONDS * 1000);
  const expires = new Date(now.getTime() + KEY_HOURS * 3_600_000);
  const column = <T>(pick: (a: ClaimAsk) => T) => asks.map(pick);
  const { rows } = await sql<KeyRow & { collectivity_id: string; account_id: string; route: string; key: string }>`
    with asked as (
      select * from unnest(${column((a) => a.scope.collectivityId)}::uuid[], ${column((a) => a.scope.accountId)}::uuid[],
        ${column((a) => a.scope.route)}::text[], ${column((a) => a.scope.key)}::text[], ${column((a) => a.hash)}::text[])
        as a(collectivity_id, account_id, route, key, request_hash)
    ),
    claimed as (
      insert into idempotency_keys as k (collectivity_id, account_id, route, key, request_hash, locked_until, created_at, expires_at)
      select collectivity_id, account_id, route, key, request_hash, ${lease}::timestamptz, ${now}::timestamptz, ${expires}::timestamptz
      from asked
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
      returning k.collectivity_id, k.account_id, k.route, k.key, k.request_hash, k.response_status, k.response_body, k.draft,
        true as claimed
    )
    select * from claimed
    union all
    select k.collectivity_id, k.account_id, k.route, k.key, k.request_hash, k.response_status, k.response_body, k.draft,
      false as claimed
    from idempotency_keys k join asked a using (collectivity_id, account_id, route, key)
    where not exists (
      select 1 from claimed c
      where c.collectivity_id = k.collectivity_id and c.account_id = k.account_id and c.route = k.route and c.key = k.key
    )`.execute(db);
  return new Map(
    rows.map((r) => [
      scopeId({ collectivityId: r.collectivity_id, accountId: r.account_id, route: r.route, key: r.key }),
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
