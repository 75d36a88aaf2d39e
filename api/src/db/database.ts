import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import postgres from 'postgres';
import { lockDataDir } from './data-dir-lock.js';
import { postgresDriverRepaired, UnrepairedDriverError } from './driver-repair.js';
import { type PoolUsage, PostgresJSDialect } from './postgres-js-dialect.js';
import type { Database } from './schema.js';
import { ScopedPGliteDialect } from './scoped-pglite-dialect.js';
import { APP_ROLE, type RowSecuritySwitch } from './tenant-scope.js';

export type Db = Kysely<Database>;
/** What a query runs on: the pool or a transaction (a `Transaction` is a `Kysely` too). */
export type Executor = Db;

/**
 * How long a request may be held by a slow database, in milliseconds (0: no limit). A table
 * locked for long (a migration, `VACUUM FULL`, an operator's `LOCK TABLE`) or an overloaded
 * server then answers `503` + `Retry-After` in bounded time instead of holding the request, and
 * a pool connection, for as long as it lasts.
 */
export interface DatabaseTimeouts {
  /** PostgreSQL's `statement_timeout`: a statement running longer is cancelled (57014). */
  statementMs: number;
  /** PostgreSQL's `lock_timeout`: a statement waiting longer for a lock gives up (55P03). */
  lockMs: number;
  /** Longest wait for a pool connection when all are busy (`POOL_TIMEOUT`). */
  poolWaitMs: number;
}

/** Where the data lives: a PostgreSQL server, or PGlite in a folder or in memory. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize: number; timeouts?: DatabaseTimeouts }
  | { kind: 'pglite'; dataDir: string | undefined; snapshot?: Blob };

/**
 * The same target without the request timeouts, for what is not a parent's request: migrations
 * (they may wait for another instance's migration lock and rewrite a large table) and operator
 * commands.
 */
export function withoutRequestTimeouts(target: DatabaseTarget): DatabaseTarget {
  if (target.kind !== 'postgres') return target;
  const { timeouts: _timeouts, ...untimed } = target;
  return untimed;
}

export interface OpenDatabase {
  db: Db;
  kind: DatabaseTarget['kind'];
  /** Closes the pool (PostgreSQL) or flushes and closes the embedded database. */
  close(): Promise<void>;
  /** The embedded database itself, for snapshots (PGlite only). */
  pglite?: PGlite;
}

const poolUsages = new WeakMap<Db, PoolUsage>();
const rowSecuritySwitches = new WeakMap<Db, RowSecuritySwitch>();

/** The migration that creates the API's role and the row-security policies has not run. */
export class RowSecurityMissingError extends Error {
  constructor() {
    super(`the database has no role ${APP_ROLE}: migrate it first (npx foyer migrate)`);
  }
}

/**
 * From now on, every connection of `db` runs its queries as the API's role, which does not own
 * the tables, seeing only the rows of its caller's collectivity (see tenant-scope.ts). Called
 * once the database is migrated: before that, the role may not exist yet.
 */
export async function enableRowSecurity(db: Db): Promise<void> {
  const rowSecurity = rowSecuritySwitches.get(db);
  if (!rowSecurity) throw new Error('enableRowSecurity: not a database opened by openDatabase');
  const { rows } = await sql<{
    present: boolean;
  }>`select exists (select 1 from pg_roles where rolname = ${APP_ROLE}) as present`.execute(db);
  if (!rows[0]?.present) throw new RowSecurityMissingError();
  rowSecurity.on = true;
}

/** The connection pool's figures of a PostgreSQL database (none for the embedded one), for `/metrics`. */
export function poolUsageOf(db: Db): Readonly<PoolUsage> | undefined {
  return poolUsages.get(db);
}

/** How long after its statement timeout a query with no answer is given up by the driver. */
const UNANSWERED_MARGIN_MS = 5_000;

const DATE_OID = 1082;
const JSON_OID = 114;
const JSONB_OID = 3802;

/** Who opens an embedded data folder, named to a second process that tries to open it too. */
export interface DatabaseOwner {
  role: string;
  since: Date;
}

/**
 * Opens the database. `date` columns stay `YYYY-MM-DD` strings in both drivers: a calendar
 * date is not an instant, and turning it into a JavaScript `Date` would shift it by the
 * server's time zone.
 */
export async function openDatabase(
  target: DatabaseTarget,
  owner: DatabaseOwner = { role: 'a Foyer process', since: new Date(0) },
): Promise<OpenDatabase> {
  if (target.kind === 'postgres') {
    if (!postgresDriverRepaired()) throw new UnrepairedDriverError();
    const timeouts = target.timeouts;
    const client = postgres(target.url, {
      max: target.poolSize,
      onnotice: () => {},
      // Sent at every connection's start, so they hold for every statement of the pool.
      ...(timeouts ? { connection: { statement_timeout: timeouts.statementMs, lock_timeout: timeouts.lockMs } } : {}),
      types: {
        date: { to: DATE_OID, from: [DATE_OID], serialize: (x: string) => x, parse: (x: string) => x },
        // Json columns are written as JSON text (see `Json<T>` in schema.ts): pass it through,
        // or postgres.js would encode the string a second time.
        jsonb: {
          to: JSONB_OID,
          from: [JSON_OID, JSONB_OID],
          serialize: (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x)),
          parse: (x: string) => JSON.parse(x),
        },
      },
    });
    const usage: PoolUsage = { size: target.poolSize, inUse: 0, waiting: 0 };
    const rowSecurity: RowSecuritySwitch = { on: false };
    const db = new Kysely<Database>({
      dialect: new PostgresJSDialect(
        client,
        usage,
        {
          poolWaitMs: timeouts?.poolWaitMs ?? 0,
          // PostgreSQL cancels a statement at its timeout: no answer well after it means the server is not answering at all.
          answerWithinMs: timeouts?.statementMs ? timeouts.statementMs + UNANSWERED_MARGIN_MS : 0,
        },
        rowSecurity,
      ),
    });
    poolUsages.set(db, usage);
    rowSecuritySwitches.set(db, rowSecurity);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  // A folder opened by two processes at once is corrupted: the lock throws DataDirBusyError first.
  const unlock = target.dataDir ? lockDataDir(target.dataDir, owner.role, owner.since) : () => {};
  const pglite = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.snapshot ? { loadDataDir: target.snapshot } : {}),
    parsers: { [DATE_OID]: (x: string) => x },
  }).catch((err: unknown) => {
    unlock();
    throw err;
  });
  const rowSecurity: RowSecuritySwitch = { on: false };
  const db = new Kysely<Database>({ dialect: new ScopedPGliteDialect(pglite, rowSecurity) });
  rowSecuritySwitches.set(db, rowSecurity);
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };
}
