import type { PGlite } from '@electric-sql/pglite';
import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
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
    return connection;
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
