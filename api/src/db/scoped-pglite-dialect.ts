import type { PGlite } from '@electric-sql/pglite';
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult, TransactionSettings } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { statementsOf } from './pipeline.js';
import { currentTenantScope, type RowSecuritySwitch, scopeStatements } from './tenant-scope.js';

/**
 * Kysely on PGlite with the tenant scope of tenant-scope.ts. PGlite is one connection, taken in
 * turn: it is set to the scope of each holder, only when that differs from the previous one's
 * (a single-town install sets it once).
 */
export class ScopedPGliteDialect extends PGliteDialect {
  constructor(
    private readonly pglite: PGlite,
    readonly rowSecurity: RowSecuritySwitch = { on: false },
  ) {
    super(pglite);
  }

  override createDriver(): Driver {
    return new ScopedDriver(super.createDriver(), this.pglite, this.rowSecurity);
  }
}

/** PGlite's connection, running a pipeline's statements (pipeline.ts) one by one: in process, a round trip costs nothing. */
class PipelineConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}
  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const statements = statementsOf(compiledQuery);
    if (!statements) return this.inner.executeQuery<R>(compiledQuery);
    const answers: QueryResult<unknown>[] = [];
    for (const statement of statements) answers.push(await this.inner.executeQuery(statement));
    return { rows: answers as R[] };
  }
  streamQuery<R>(compiledQuery: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiledQuery, chunkSize);
  }
}

/** The connection PGlite's own driver handed out, under its wrapper. */
const innerOf = (connection: DatabaseConnection) => (connection as PipelineConnection).inner;

class ScopedDriver implements Driver {
  /** The statements the connection was last set with. */
  #applied: string | undefined;
  constructor(
    private readonly inner: Driver,
    private readonly pglite: PGlite,
    private readonly rowSecurity: RowSecuritySwitch,
  ) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    // Read before waiting for the connection: the scope is the caller's.
    const statements = this.rowSecurity.on ? scopeStatements(currentTenantScope()) : undefined;
    const connection = await this.inner.acquireConnection();
    if (statements && statements !== this.#applied) {
      try {
        await this.pglite.exec(statements);
        this.#applied = statements;
      } catch (err) {
        this.#applied = undefined;
        await this.inner.releaseConnection(connection);
        throw err;
      }
    }
    return new PipelineConnection(connection);
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(innerOf(connection), settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(innerOf(connection));
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(innerOf(connection));
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(innerOf(connection));
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
