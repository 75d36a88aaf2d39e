import type { Logger } from './logger.js';

// Codes of a database connection that went away (a restart, a failover, a killed backend).
const LOST_CONNECTION = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'ECONNRESET', 'EPIPE']);

/**
 * postgres.js 3.4 (the production driver) can throw outside any request when PostgreSQL
 * restarts under load: a write it had scheduled runs after the socket closed (`TypeError:
 * Cannot read properties of null (reading 'write')` in its `nextWrite`), or a query nobody
 * awaits any more is rejected with `CONNECTION_CLOSED`. Either would stop the process (seen in
 * the faults-under-load test). The connection concerned is dead and the requests on it have
 * already been answered 503: these two faults are logged and the process goes on. Any other
 * uncaught error still stops it, as Node does by default.
 */
export function surviveDriverFaults(logger: Logger): void {
  const isDriverFault = (err: unknown) => {
    if (!(err instanceof Error)) return false;
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && LOST_CONNECTION.has(code)) return true;
    return err instanceof TypeError && /node_modules[\\/]postgres[\\/]src[\\/]connection\.js/.test(err.stack ?? '');
  };
  const stop = (err: unknown, what: string) => {
    logger.fatal({ err }, what);
    process.exit(1);
  };
  process.on('uncaughtException', (err) => {
    if (isDriverFault(err)) logger.warn({ err }, 'database driver fault after a lost connection: the process goes on');
    else stop(err, 'uncaught exception');
  });
  process.on('unhandledRejection', (reason) => {
    if (isDriverFault(reason)) logger.warn({ err: reason }, 'database connection lost under a query nobody awaited');
    else stop(reason, 'unhandled rejection');
  });
}
