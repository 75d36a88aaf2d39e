import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type postgres from 'postgres';
import { statementsOf } from './pipeline.js';
import { currentTenantScope, type RowSecuritySwitch, scopeStatements } from './tenant-scope.js';

// Errors after which a connection is gone: the server closed it, restarted or was killed.
const CONNECTION_LOST = new Set([
  'ECONNRESET',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03',
]);

function isConnectionLost(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && CONNECTION_LOST.has(code);
}

const MAX_RECONNECTS = 20;

/** Above this many parameters a statement is sent unprepared (see `#run`). */
const MAX_PREPARED_PARAMETERS = 64;

class ConnectionLostError extends Error {
  readonly code: string = 'CONNECTION_CLOSED';
  constructor(cause: unknown) {
    super('the database connection was lost', { cause });
  }
}

/** How long a query in flight when a connection was lost may still answer before it is given up. */
const GRACE_AFTER_LOSS_MS = 5_000;

/**
 * The queries in flight, each able to be given up. When PostgreSQL restarts, postgres.js 3.4
 * rejects most of the queries on the connections it closed, but leaves some unanswered for good
 * (seen in the faults-under-load test): their requests would never answer and background rounds
 * would never end. So the first lost connection arms a short timer on every query then in
 * flight; those that still have no answer when it fires fail as lost (→ 503, retry with the
 * key). Queries in a healthy database are never timed, however long they run.
 */
const inFlight = new Set<{ arm: (cause: unknown) => void }>();

/** When the last connection was lost (a monotonic clock: a timeout, not a business instant). */
let lastLossAt = Number.NEGATIVE_INFINITY;
/** Queries started this soon after a lost connection may be sent on another dead one: timed too. */
const SUSPECT_AFTER_LOSS_MS = 15_000;

function connectionLost(cause: unknown): void {
  lastLossAt = performance.now();
  for (const query of inFlight) query.arm(cause);
}

interface AbandonOptions<T> {
  /** Called with the value of a run that answered after it was given up. */
  whenLate?: (value: T) => void;
  /** Called with the error of a run that failed after it was given up. */
  whenFailedLate?: (err: unknown) => void;
  /** Given up after this many milliseconds without an answer, whatever happened elsewhere (0: never). */
  answerWithinMs?: number;
}

/** `run`, given up when a lost connection elsewhere suggests it may never answer, or past its deadline. */
async function abandonable<T>(run: () => Promise<T>, options: AbandonOptions<T> = {}): Promise<T> {
  const { whenLate = () => {}, whenFailedLate = () => {}, answerWithinMs = 0 } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  let giveUp: (err: unknown) => void = () => {};
  const entry = {
    arm: (cause: unknown) => {
      timer ??= setTimeout(() => giveUp(new AbandonedQueryError(cause)), GRACE_AFTER_LOSS_MS);
    },
  };
  inFlight.add(entry);
  if (performance.now() - lastLossAt < SUSPECT_AFTER_LOSS_MS) entry.arm(new Error('connection lost moments ago'));
  if (answerWithinMs > 0) deadline = setTimeout(() => giveUp(new UnansweredQueryError(answerWithinMs)), answerWithinMs);
  try {
    let abandoned = false;
    return await new Promise<T>((resolve, reject) => {
      giveUp = (err) => {
        abandoned = true;
        reject(err);
      };
      run().then(
        (value) => (abandoned ? whenLate(value) : resolve(value)),
        (err: unknown) => (abandoned ? whenFailedLate(err) : reject(err)),
      );
    });
  } finally {
    inFlight.delete(entry);
    clearTimeout(timer);
    clearTimeout(deadline);
  }
}

/** A query given up after a lost connection: it may or may not have run, so it is never sent again. */
class AbandonedQueryError extends ConnectionLostError {}

/**
 * A query the server did not answer within the statement timeout and a margin: PostgreSQL would
 * have cancelled it by then, so the server is not answering at all (paused, stalled storage, a
 * network partition that leaves the socket open). Given up like a lost connection.
 */
class UnansweredQueryError extends AbandonedQueryError {
  override readonly code = 'QUERY_UNANSWERED';
  constructor(ms: number) {
    super(new Error(`the database did not answer within ${ms} ms`));
  }
}

/**
 * Puts a connection whose query was given up back into the pool once that query has answered
 * after all (the server was only paused): its transaction, if any, is rolled back first. A
 * connection that turned out to be closed is postgres.js's to reopen, not released.
 */
function recycleLate(reserved: postgres.ReservedSql): void {
  reserved.unsafe('rollback').then(
    () => reserved.release(),
    () => {},
  );
}

/** A postgres.js answer as Kysely takes it. */
function toQueryResult<R>(result: postgres.RowList<postgres.Row[]>): QueryResult<R> {
  const { command, count } = result;
  return {
    numAffectedRows:
      command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE' ? BigInt(count) : undefined,
    rows: Array.from(result.values()) as R[],
  };
}

/**
 * One reserved postgres.js connection. Once it has been lost, every later query fails at
 * once (postgres.js would queue the transaction's ROLLBACK on the dead socket forever, and the
 * request would hang instead of answering 503), and it is not released to the pool.
 */
class PostgresJSConnection implements DatabaseConnection {
  #lost: unknown;
  #used = false;
  /** Whether `scope` has been sent on the reserved connection (again after a reconnection). */
  #scoped = false;
  /** The transaction's start, sent with its first statement (see `deferBegin`); kept to send again after a reconnection. */
  #begin: string | undefined;
  #begun = false;
  constructor(
    public reserved: postgres.ReservedSql,
    private readonly sql: postgres.Sql,
    /** A query without an answer after this long is given up (0: never); see `UnansweredQueryError`. */
    private readonly answerWithinMs: number,
    /** The role and collectivity the connection is set to before its first query (see tenant-scope.ts). */
    private readonly scope?: string,
  ) {}

  /**
   * Starts a transaction with its first statement, in the same write, instead of on its own
   * round trip: at a rush every round trip waits behind the requests arriving. A start cannot
   * fail on its own (only with its connection, which then fails the statement too), so the
   * statement never runs outside the transaction.
   */
  deferBegin(statement: string): void {
    this.#begin = statement;
    this.#begun = false;
  }

  /** True when the transaction was started but no statement of it was sent: there is nothing to end. */
  takeUnsentBegin(): boolean {
    const unsent = this.#begin !== undefined && !this.#begun;
    this.#begin = undefined;
    return unsent;
  }

  /** True once the server side of this connection is gone. */
  get lost(): boolean {
    return this.#lost !== undefined;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#lost) throw new ConnectionLostError(this.#lost);
    // Queries sent together on one connection are pipelined: only the very first may retry.
    const first = !this.#used;
    this.#used = true;
    for (let attempt = 1; ; attempt++) {
      const reserved = this.reserved;
      try {
        return await abandonable(() => this.#run<R>(compiledQuery), {
          answerWithinMs: this.answerWithinMs,
          whenLate: () => recycleLate(reserved),
          whenFailedLate: (err) => {
            if (!isConnectionLost(err)) recycleLate(reserved);
          },
        });
      } catch (err) {
        if (err instanceof AbandonedQueryError) {
          this.#lost = err;
          throw err;
        }
        if (!isConnectionLost(err)) throw err;
        connectionLost(err);
        if (!first || attempt >= MAX_RECONNECTS) {
          this.#lost = err;
          throw err;
        }
        // The pooled connection had died while idle (database restarted): its first statement
        // cannot have run, so it is safe to take another connection and send it again. After a
        // restart every idle connection of the pool is dead: try as many as it may hold.
        this.reserved = await abandonable(() => this.sql.reserve(), { whenLate: (late) => late.release() });
        this.#scoped = false;
        this.#begun = false;
      }
    }
  }

  async #run<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    // The scope goes in the same write as the first query (pipelined: no extra round trip). A
    // pooled connection keeps the previous holder's settings, so every holder sends its own; if
    // the scope fails, the query's answer is not used.
    const before = [];
    if (this.scope && !this.#scoped) before.push(this.reserved.unsafe(this.scope));
    this.#scoped = true;
    if (this.#begin !== undefined && !this.#begun) before.push(this.reserved.unsafe(this.#begin));
    this.#begun = true;
    // A pipeline (pipeline.ts): its statements are all sent before any answer is awaited.
    const statements = statementsOf(compiledQuery);
    const queries = (statements ?? [compiledQuery]).map((q) => this.#send(q));
    const results = await Promise.all([...before, ...queries]);
    const answers = results.slice(before.length).map(toQueryResult);
    if (statements) return { rows: answers as R[] };
    return answers[0] as QueryResult<R>;
  }

  #send(compiledQuery: CompiledQuery) {
    // Named prepared statements, kept per connection: an unprepared statement with parameters
    // costs postgres.js a second round trip (Parse/Describe first, to learn the parameter
    // types) at every execution. Statements with many parameters (multi-row VALUES, long IN
    // lists) change text with their row count: prepared, each would stay on the connection.
    const parameters = compiledQuery.parameters.length;
    return this.reserved.unsafe(compiledQuery.sql, [...compiledQuery.parameters] as postgres.ParameterOrJSON<never>[], {
      prepare: parameters > 0 && parameters <= MAX_PREPARED_PARAMETERS,
    });
  }

  // biome-ignore lint/correctness/useYield: streaming is not used by Foyer; the method is required by the interface.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported');
  }
}

/** What `/metrics` reports of the pool: connections handed to transactions, and callers waiting for one. */
export interface PoolUsage {
  size: number;
  inUse: number;
  waiting: number;
}

/** The driver's own limits, in milliseconds (0: none). */
export interface DriverTimeouts {
  /** Longest wait for a free pool connection before `PoolTimeoutError`. */
  poolWaitMs: number;
  /** A query with no answer after this long is given up (`UnansweredQueryError`). */
  answerWithinMs: number;
}

/** Every pool connection stayed busy for longer than the pool wait: nothing was sent, the request may be sent again. */
export class PoolTimeoutError extends Error {
  readonly code = 'POOL_TIMEOUT';
  constructor(waitedMs: number) {
    super(`no database connection became free within ${Math.round(waitedMs)} ms`);
  }
}

/**
 * `reserve`, given up at `deadline` (a `performance.now()` instant): when every connection is
 * held by statements waiting on a locked table or a stalled server, later requests would
 * otherwise queue without bound. A connection handed out after the deadline goes back to the
 * pool at once.
 */
async function withinPoolWait<T>(deadline: number, reserve: () => Promise<T>, whenLate: (value: T) => void): Promise<T> {
  if (deadline === Number.POSITIVE_INFINITY) return reserve();
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let late = false;
  try {
    return await new Promise<T>((resolve, reject) => {
      timer = setTimeout(
        () => {
          late = true;
          reject(new PoolTimeoutError(performance.now() - started));
        },
        Math.max(0, deadline - started),
      );
      reserve().then(
        (value) => (late ? whenLate(value) : resolve(value)),
        (err: unknown) => (late ? undefined : reject(err)),
      );
    });
  } finally {
    clearTimeout(timer);
  }
}

class PostgresJSDriver implements Driver {
  constructor(
    private readonly sql: postgres.Sql,
    private readonly usage: PoolUsage,
    private readonly timeouts: DriverTimeouts,
    private readonly rowSecurity: RowSecuritySwitch,
  ) {}
  async init(): Promise<void> {}
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    const access = settings.accessMode ? ` ${settings.accessMode}` : '';
    (connection as PostgresJSConnection).deferBegin(`start transaction${isolation}${access}`);
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    if ((connection as PostgresJSConnection).takeUnsentBegin()) return;
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if ((connection as PostgresJSConnection).takeUnsentBegin()) return;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    // Right after a database restart the pool may hand out, or fail to open, a dead connection.
    this.usage.waiting++;
    // Taken here, in the caller's async context: the request's collectivity, or a worker's `all`.
    const scope = this.rowSecurity.on ? scopeStatements(currentTenantScope()) : undefined;
    const deadline = this.timeouts.poolWaitMs > 0 ? performance.now() + this.timeouts.poolWaitMs : Number.POSITIVE_INFINITY;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const connection = new PostgresJSConnection(
            await withinPoolWait(
              deadline,
              () => abandonable(() => this.sql.reserve(), { whenLate: (late) => late.release() }),
              (late) => late.release(),
            ),
            this.sql,
            this.timeouts.answerWithinMs,
            scope,
          );
          this.usage.inUse++;
          return connection;
        } catch (err) {
          if (!isConnectionLost(err) || attempt >= MAX_RECONNECTS) throw err;
        }
      }
    } finally {
      this.usage.waiting--;
    }
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // A lost connection must not go back to the pool: postgres.js would hand the dead socket
    // to the next transaction, whose queries would then wait forever.
    const reserved = connection as PostgresJSConnection;
    this.usage.inUse--;
    if (!reserved.lost) reserved.reserved.release();
  }
  async destroy(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}

/** Kysely on postgres.js (production), with lost connections failing fast. */
export class PostgresJSDialect implements Dialect {
  constructor(
    private readonly sql: postgres.Sql,
    /** Kept up to date by the driver; read by `/metrics`. */
    readonly usage: PoolUsage = { size: 0, inUse: 0, waiting: 0 },
    private readonly timeouts: DriverTimeouts = { poolWaitMs: 0, answerWithinMs: 0 },
    /** Turned on once the database has the API's role (see `enableRowSecurity`). */
    readonly rowSecurity: RowSecuritySwitch = { on: false },
  ) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PostgresJSDriver(this.sql, this.usage, this.timeouts, this.rowSecurity);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}
