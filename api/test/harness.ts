import { readFile } from 'node:fs/promises';
import type { KyselyPlugin } from 'kysely';
import { inject } from 'vitest';
import { createApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { enableRowSecurity, type OpenDatabase, openDatabase } from '../src/db/database.js';
import { DEMO } from '../src/db/seed/demo-seed.js';
import type { AppDeps, PaymentProvider } from '../src/deps.js';
import { ManualClock } from '../src/lib/clock.js';
import { createLogger, type Logger } from '../src/lib/logger.js';
import { createRuntime } from '../src/lib/metrics.js';
import { Passwords } from '../src/modules/auth/passwords.js';
import { SigningKeys } from '../src/modules/auth/signing-keys.js';
import { DevMailbox } from '../src/modules/mail/dev-mailbox.js';
import { drainOutbox, emailHandler } from '../src/modules/mail/outbox-worker.js';
import { DemoPaymentProvider } from '../src/modules/payments/demo-provider.js';
import { databaseUrl, TEST_NOW, TEST_PASSWORDS, withAdmin } from './test-database.js';

export { DEMO };

export interface RequestOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** The Foyer API in-process on its own copy of the seeded database. */
export interface TestApp {
  deps: AppDeps;
  clock: ManualClock;
  mailbox: DevMailbox;
  database: OpenDatabase;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  /** The raw answer, for what `request` would decode (compressed bodies). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Signs in a seeded account (demo password by default) and returns its session. */
  login(email: string, password?: string): Promise<{ accessToken: string; refreshToken: string }>;
  /** Delivers queued emails to the dev mailbox, as the worker would. */
  deliverEmails(): Promise<number>;
  close(): Promise<void>;
}

async function openTestDatabase(): Promise<{ database: OpenDatabase; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  const template = inject('templateDatabase');
  if (url && template) {
    const name = `foyer_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await withAdmin(url, (sql) => sql.unsafe(`create database ${name} template ${template}`));
    const database = await openDatabase({ kind: 'postgres', url: databaseUrl(url, name), poolSize: 10 });
    return {
      database,
      drop: async () => {
        await database.close();
        await withAdmin(url, (sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
      },
    };
  }
  const snapshot = new Blob([await readFile(inject('pgliteSnapshot'))]);
  const database = await openDatabase({ kind: 'pglite', dataDir: undefined, snapshot });
  return { database, drop: () => database.close() };
}

/** The configuration of the test suites: test mode, cheap hashing, a trusted proxy header. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ NODE_ENV: 'test', FOYER_TRUST_PROXY: 'true' });
  // No in-process caches: tests change rows directly and read them back at once.
  return {
    ...base,
    seedDemo: false,
    devMailbox: true,
    cacheSeconds: 0,
    passwords: TEST_PASSWORDS,
    ...overrides,
  };
}

export async function startTestApp(
  options: {
    now?: string;
    config?: Partial<Config>;
    logger?: Logger;
    plugins?: KyselyPlugin[];
    /** Stands in for the demo provider (one that fails, for instance), given the demo one. */
    paymentProvider?: (demo: DemoPaymentProvider) => PaymentProvider;
  } = {},
): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  await enableRowSecurity(database.db);
  const clock = new ManualClock(options.now ?? TEST_NOW);
  const mailbox = new DevMailbox();
  const logger = options.logger ?? createLogger(process.env.LOG_LEVEL ?? 'silent');
  const config = testConfig(options.config);
  const demoProvider = options.paymentProvider ?? ((demo: DemoPaymentProvider): PaymentProvider => demo);
  const keys = await SigningKeys.load(database.db, clock, {
    secretsKey: config.secretsKey,
    accessTokenSeconds: config.auth.accessTokenSeconds,
  });
  const db = (options.plugins ?? []).reduce((withPlugins, plugin) => withPlugins.withPlugin(plugin), database.db);
  const deps: AppDeps = {
    db,
    runtime: createRuntime(),
    clock,
    mailer: mailbox,
    devMailbox: mailbox,
    // The built-in demo provider, as the embedded default runs it (its hosted page and notifications).
    payments: new Map(
      config.demoPayments
        ? [
            [
              'demo',
              demoProvider(new DemoPaymentProvider({ publicUrl: config.publicUrl, secret: config.demoPayments.secret, clock })),
            ],
          ]
        : [],
    ),
    keys,
    passwords: new Passwords(config.passwords),
    config,
    logger,
  };
  const app = createApp(deps);
  const request: TestApp['request'] = async (method, path, { body, token, headers = {} } = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    const h = init.headers as Record<string, string>;
    if (token) h.authorization = `Bearer ${token}`;
    if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await app.request(path, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  return {
    deps,
    clock,
    mailbox,
    database,
    request,
    fetch: async (path, init) => app.request(path, init),
    async login(email, password = DEMO.password) {
      const res = await request('POST', '/v1/auth/login', { body: { email, password } });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    deliverEmails: () => drainOutbox(deps, emailHandler(mailbox)),
    close: drop,
  };
}
