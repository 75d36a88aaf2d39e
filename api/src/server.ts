import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.js';
import { DEMO } from './db/seed/demo-seed.js';
import { surviveDriverFaults } from './lib/driver-faults.js';
import { listen } from './lib/listen.js';
import { createLogger } from './lib/logger.js';
import { startFoyer } from './main.js';
import { emailHandler, startOutboxWorker } from './modules/mail/outbox-worker.js';
import { startHoldSweeper } from './modules/payments/expire-holds.js';
import { startPayfipReconciler } from './modules/payments/payfip/index.js';
import { describeWarning } from './modules/school-calendar/warnings.js';
import { startRetentionSweeper } from './modules/system/retention.js';

const DRAIN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env, {
    // From api/src or api/dist alike, the demo town site is two folders up.
    siteDir: fileURLToPath(new URL('../../examples/town-site/', import.meta.url)),
    widgetsDir: fileURLToPath(new URL('../../widgets/dist/', import.meta.url)),
  });
  const logger = createLogger(config.logLevel);
  surviveDriverFaults(logger);
  logger.info({ mode: config.mode.name, why: config.mode.reasons }, `starting in ${config.mode.name} mode`);
  process.stdout.write(`Foyer starts in ${config.mode.name} mode:\n${config.mode.reasons.map((r) => `  - ${r}`).join('\n')}\n`);
  const foyer = await startFoyer(config, logger);
  const { deps } = foyer;
  const worker = startOutboxWorker(deps, emailHandler(deps.mailer));
  const sweeper = startHoldSweeper(deps);
  const retention = startRetentionSweeper(deps);
  // PayFiP's notifications can be lost: its lookup is asked again for the operations they never confirmed.
  const payfip = startPayfipReconciler(deps);

  const { server, port } = await listen(foyer.app.fetch, { port: config.port }).catch((err: NodeJS.ErrnoException) => {
    const reason = err.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT to another one)` : err.message;
    process.stderr.write(`Foyer could not listen: ${reason}\n`);
    process.exit(1);
  });
  logger.info({ port, database: foyer.database.kind }, 'listening');
  // Loud in every environment: on stderr for the person starting it, besides the log line.
  for (const warning of foyer.schoolCalendarWarnings) process.stderr.write(`\n  WARNING: ${describeWarning(warning)}\n`);
  if (config.env !== 'production') {
    const lines = [
      '',
      `  Foyer is running at ${config.publicUrl}/`,
      `    demo town site    ${config.publicUrl}/`,
      `    back office       ${config.publicUrl}/admin/`,
      `    API reference     ${config.publicUrl}/docs`,
      ...(deps.devMailbox ? [`    dev mailbox       ${config.publicUrl}/dev/mailbox`] : []),
      `    database          ${foyer.database.kind === 'pglite' ? `PGlite (${config.database.kind === 'pglite' ? (config.database.dataDir ?? 'in memory') : ''})` : 'PostgreSQL'}`,
      '',
      ...(config.seedDemo
        ? [
            `  Demo logins (password ${DEMO.password}):`,
            `    parent          ${DEMO.parent}   (collectivities ${DEMO.collectivities.demo}, ${DEMO.collectivities.second})`,
            `    second parent   ${DEMO.parent2}`,
            `    agent (admin)   ${DEMO.agent}`,
            `    kitchen         ${DEMO.kitchen}`,
            `    animator        ${DEMO.animator}`,
            '',
          ]
        : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  let closing = false;
  let delay: NodeJS.Timeout | undefined;
  const close = () => {
    if (closing) return;
    closing = true;
    clearTimeout(delay);
    const force = setTimeout(() => {
      logger.warn('requests still running after the drain timeout: closing anyway');
      process.exit(1);
    }, DRAIN_TIMEOUT_MS);
    force.unref();
    // close() stops accepting connections and calls back once in-flight requests have ended.
    server.close(async () => {
      await Promise.all([worker.stop(), sweeper.stop(), retention.stop(), payfip.stop()]);
      await foyer.close();
      await foyer.database.close();
      logger.info('stopped');
      process.exit(0);
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  const shutdown = (signal: string) => {
    // A second signal during the delay stops waiting for the balancer.
    if (deps.runtime.draining) return close();
    // /readyz fails from now on, so a balancer stops sending new requests; the process still
    // answers for config.drainDelayMs (the balancer's next checks), then stops taking connections.
    deps.runtime.draining = true;
    logger.info({ signal, delayMs: config.drainDelayMs }, 'shutting down: draining requests');
    delay = setTimeout(close, config.drainDelayMs);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Foyer could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  if (err instanceof Error && err.cause) process.stderr.write(`  cause: ${String(err.cause)}\n`);
  process.exit(1);
});
