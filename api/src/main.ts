import type { Hono } from 'hono';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { type Db, enableRowSecurity, type OpenDatabase, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { DEMO, seedDemo } from './db/seed/demo-seed.js';
import type { AppDeps, PaymentProvider } from './deps.js';
import { localDateOf } from './domain/zoned-time.js';
import type { AppEnv } from './lib/app-env.js';
import { type Clock, systemClock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { createRuntime } from './lib/metrics.js';
import { Passwords } from './modules/auth/passwords.js';
import { SigningKeys } from './modules/auth/signing-keys.js';
import { DevMailbox } from './modules/mail/dev-mailbox.js';
import { SmtpMailer } from './modules/mail/smtp-mailer.js';
import { DemoPaymentProvider } from './modules/payments/demo-provider.js';
import { PayfipPaymentProvider } from './modules/payments/payfip/index.js';
import { type SchoolCalendarWarning, warnAboutSchoolCalendars } from './modules/school-calendar/warnings.js';

export interface Foyer {
  app: Hono<AppEnv>;
  deps: AppDeps;
  database: OpenDatabase;
  /** Collectivities whose school calendar runs out within a year (already logged). */
  schoolCalendarWarnings: SchoolCalendarWarning[];
  /** Closes what `startFoyer` opened (the SMTP pool, the hashing threads); the database is closed separately. */
  close(): Promise<void>;
}

/**
 * Opens the database, migrates it, seeds the demo town when asked, loads the signing keys and
 * builds the app: everything the Node server and the benchmarks share.
 */
export async function startFoyer(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
  options: { afterMigrations?: (db: Db) => Promise<void> } = {},
): Promise<Foyer> {
  // Checked before anything opens: operator commands read the same configuration without mail.
  if (!config.devMailbox && !config.smtpUrl) {
    throw new Error('Invalid configuration:\n  SMTP_URL is required (or FOYER_DEV_MAILBOX=true outside production)');
  }
  const database = await openDatabase(config.database, { role: 'the Foyer server', since: clock.now() });
  const { db } = database;
  const passwords = new Passwords(config.passwords);
  await prepareDatabase(config, database, { passwords, logger, clock, afterMigrations: options.afterMigrations });
  await enableRowSecurity(db);
  const schoolCalendarWarnings = await warnAboutSchoolCalendars(db, localDateOf(clock.now(), 'Europe/Paris'), logger);
  const keys = await SigningKeys.load(db, clock, {
    secretsKey: config.secretsKey,
    accessTokenSeconds: config.auth.accessTokenSeconds,
  });
  const devMailbox = config.devMailbox ? new DevMailbox() : undefined;
  const smtp = config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : undefined;
  const mailer = devMailbox ?? smtp;
  if (!mailer) throw new Error('no mailer: set SMTP_URL');
  const payments = new Map<string, PaymentProvider>();
  if (config.demoPayments) {
    payments.set('demo', new DemoPaymentProvider({ publicUrl: config.publicUrl, secret: config.demoPayments.secret, clock }));
  }
  // Inert until a collectivity's contract is set (`foyer payfip set`): then its payments go through PayFiP.
  payments.set('payfip', new PayfipPaymentProvider({ db, clock, publicUrl: config.publicUrl, logger }));
  const deps: AppDeps = { db, clock, mailer, devMailbox, payments, keys, passwords, config, logger, runtime: createRuntime() };
  return {
    app: createApp(deps),
    deps,
    database,
    schoolCalendarWarnings,
    async close() {
      smtp?.close();
      await passwords.close();
    },
  };
}

/**
 * Migrates the database and seeds the demo town when asked. On PostgreSQL this runs on a
 * connection of its own without the request timeouts: a migration may wait for another
 * process's (the migration lock) and rewrite a large table for longer than a request may wait.
 */
async function prepareDatabase(
  config: Config,
  database: OpenDatabase,
  options: { passwords: Passwords; logger: Logger; clock: Clock; afterMigrations?: ((db: Db) => Promise<void>) | undefined },
): Promise<void> {
  const { passwords, logger, clock } = options;
  const target = config.database;
  const setup =
    target.kind === 'postgres' && target.timeouts
      ? await openDatabase({ kind: 'postgres', url: target.url, poolSize: 1 })
      : database;
  const { db } = setup;
  try {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    // The widget tests' server imports its test school calendar here, before the demo seed.
    await options.afterMigrations?.(db);
    if (!config.seedDemo) return;
    const existing = await db
      .selectFrom('collectivities')
      .select('id')
      .where('slug', '=', DEMO.collectivities.demo)
      .executeTakeFirst();
    if (existing) return;
    const passwordHash = await passwords.hash(DEMO.password);
    const today = localDateOf(clock.now(), 'Europe/Paris');
    await seedDemo(db, { today, passwordHash, publicUrl: config.publicUrl });
    logger.info({ today }, 'demo town seeded');
  } finally {
    if (setup !== database) await setup.close();
  }
}
