import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as v from 'valibot';
import type { DatabaseTarget } from './db/database.js';
import { NO_TRUSTED_PROXY, parseTrustedProxies, type TrustedProxies } from './lib/client-address.js';
import { parseSecretsKey } from './lib/secret-box.js';
import { OWASP_ARGON2 } from './modules/auth/password-hashing.js';
import type { PasswordSettings } from './modules/auth/passwords.js';
import type { RetentionSettings } from './modules/system/retention.js';

/** Everything the app reads from the environment, validated once at start. */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  /** The public address of this API and of the demo site, used in email links. */
  publicUrl: string;
  database: DatabaseTarget;
  /** Which defaults applied, and why: printed at start. */
  mode: RuntimeMode;
  /** Seeds "Ville de Démo" into an empty database. */
  seedDemo: boolean;
  /** Emails captured in memory and shown at `/dev/mailbox` instead of sent. */
  devMailbox: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  bodyLimitBytes: number;
  /** The largest attachment a parent may upload (the multipart envelope aside). */
  attachmentMaxBytes: number;
  /** The most bytes of documents one household may have stored. */
  attachmentQuotaBytes: number;
  /** The reverse proxies of the operator, whose `X-Forwarded-For` entries are believed. */
  trustedProxies: TrustedProxies;
  auth: {
    issuer: string;
    audience: string;
    accessTokenSeconds: number;
    refreshTokenSeconds: number;
    invitationSeconds: number;
    resetSeconds: number;
  };
  /**
   * The 32-byte key that seals secrets at rest (the signing keys' private halves), from
   * `FOYER_SECRETS_KEY` or the file named by `FOYER_SECRETS_KEY_FILE`. Required in production.
   */
  secretsKey: Buffer | undefined;
  /** How long what has served is kept before the sweeper purges it (see docs/self-hosting.md). */
  retention: RetentionSettings;
  /** Password hashing: argon2id cost and the bounded gate every hash goes through. */
  passwords: PasswordSettings;
  /**
   * How long collectivity settings, activity rules and memberships may be served from memory
   * (seconds; 0 turns the caches off). Changes take at most this long to apply everywhere.
   */
  cacheSeconds: number;
  /**
   * After SIGTERM, how long the process keeps answering (with `/readyz` failing) before it stops
   * taking connections: the time a load balancer's health check needs to take it out.
   */
  drainDelayMs: number;
  /** Password guessing and mail flooding limits; see docs/self-hosting.md for why these shapes. */
  throttle: {
    windowSeconds: number;
    /** Wrong passwords for one account from one address: a hard limit for the window. */
    failuresPerAccountAndAddress: number;
    /** Wrong passwords from one address, whatever the account (one address trying many accounts). */
    failuresPerAddress: number;
    /** Attempts on one account from anywhere before each one waits a growing delay (never a lock). */
    accountFreeAttempts: number;
    accountFirstDelaySeconds: number;
    accountMaxDelaySeconds: number;
    emailsPerAddress: number;
    /**
     * "Request received" emails one household triggers in a rolling 24 h: beyond, its requests
     * are still taken but announced by no email, so an account cannot flood mailboxes.
     */
    requestEmailsPerHouseholdPerDay: number;
    /**
     * A reset request is answered no sooner than this (ms), whether or not the email has an
     * account: sending a link takes longer than doing nothing, and the difference would tell.
     */
    resetAnswerMs: number;
  };
  /** Folder served at `/` (the demo town site); undefined to serve nothing there. */
  siteDir: string | undefined;
  /** Folder of the built widgets (`widgets/dist`): `foyer.js` is served at `/foyer.js`; undefined to serve none. */
  widgetsDir: string | undefined;
  /**
   * The oldest contract revision of a client (foyer.js, the SDK) this API still serves: older
   * pages show their visitors a message and their webmaster the fix. Raised after a breaking change.
   */
  oldestClientRevision: number;
  /**
   * The built-in demo payment provider (no money moves), with the secret its notifications are
   * signed with; undefined when it is off (production, unless asked for).
   */
  demoPayments: { secret: string } | undefined;
}

/** Signs the demo provider's notifications outside production when no secret is set: not a secret. */
const DEV_DEMO_PAYMENT_SECRET = 'foyer-demo-payments-development-secret';

const Env = v.object({
  NODE_ENV: v.optional(v.picklist(['development', 'production', 'test'])),
  PORT: v.optional(v.pipe(v.string(), v.regex(/^\d{1,5}$/), v.transform(Number)), '8787'),
  FOYER_PUBLIC_URL: v.optional(v.pipe(v.string(), v.url())),
  DATABASE_URL: v.optional(v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'))),
  DATABASE_POOL_SIZE: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '10'),
  /** A statement running longer is cancelled by PostgreSQL (503 + Retry-After); 0: never. */
  DATABASE_STATEMENT_TIMEOUT_MS: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '15000'),
  /** A statement waiting longer for a lock (a table locked by a migration, VACUUM FULL, an operator) gives up: 503; 0: never. */
  DATABASE_LOCK_TIMEOUT_MS: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '4000'),
  /** A request waiting longer for a pool connection (all of them busy or stuck) is answered 503; 0: never. */
  DATABASE_POOL_WAIT_MS: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '8000'),
  FOYER_DATA_DIR: v.optional(v.string(), './.foyer-data'),
  FOYER_SEED_DEMO: v.optional(v.picklist(['true', 'false'])),
  FOYER_DEV_MAILBOX: v.optional(v.picklist(['true', 'false'])),
  SMTP_URL: v.optional(v.pipe(v.string(), v.regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL'))),
  MAIL_FROM: v.optional(v.string(), 'Foyer <no-reply@foyer.localhost>'),
  LOG_LEVEL: v.optional(v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  FOYER_BODY_LIMIT: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '1048576'),
  FOYER_ATTACHMENT_MAX_BYTES: v.optional(
    v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number), v.minValue(1, 'must be at least 1 byte')),
    '10485760',
  ),
  FOYER_ATTACHMENT_QUOTA_BYTES: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '104857600'),
  FOYER_TRUST_PROXY: v.optional(v.picklist(['true', 'false'])),
  FOYER_TRUSTED_PROXIES: v.optional(v.string()),
  FOYER_ACCESS_TOKEN_SECONDS: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '600'),
  /** A household with no booking, sign-in or invoice for this many years is anonymised by the sweeper. */
  FOYER_INACTIVE_HOUSEHOLD_YEARS: v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d*$/), v.transform(Number)), '3'),
  /** Documents of a request closed (accepted or rejected) this many days ago are deleted by the sweeper. */
  FOYER_CLOSED_REQUEST_DOCUMENT_DAYS: v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d*$/), v.transform(Number)), '365'),
  FOYER_SESSION_HOURS: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '12'),
  FOYER_SITE_DIR: v.optional(v.string()),
  FOYER_WIDGETS_DIR: v.optional(v.string()),
  FOYER_OLDEST_CLIENT_REVISION: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '1'),
  FOYER_CACHE_SECONDS: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '5'),
  FOYER_HASH_CONCURRENCY: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number), v.minValue(1))),
  FOYER_DRAIN_DELAY_MS: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number))),
  FOYER_HASH_QUEUE: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '256'),
  FOYER_SECRETS_KEY: v.optional(v.string()),
  FOYER_SECRETS_KEY_FILE: v.optional(v.string()),
  FOYER_DEMO_PAYMENTS: v.optional(v.picklist(['true', 'false'])),
  FOYER_DEMO_PAYMENT_SECRET: v.optional(v.pipe(v.string(), v.minLength(32, 'must have at least 32 characters'))),
});

/**
 * `embedded`: no `DATABASE_URL` and not production, the out-of-the-box demo (seed, dev mailbox,
 * demo payments on by default). `server`: PostgreSQL outside production, where every demo
 * feature is off unless switched on by name. `production`: the demo seed and the dev mailbox
 * are refused outright, SMTP and real secrets are required.
 */
export interface RuntimeMode {
  name: 'embedded' | 'server' | 'production';
  /** One line per decision, for the start-up log. */
  reasons: string[];
}

type Env = v.InferOutput<typeof Env>;
const invalid = (line: string) => new Error(`Invalid configuration:\n  ${line}`);

/**
 * Fails closed: a forgotten `NODE_ENV` next to a real database must not turn on the demo seed
 * (an admin with a public password), the public demo payment secret or an open mailbox.
 */
function decideMode(e: Env): {
  mode: RuntimeMode;
  features: { seedDemo: boolean; devMailbox: boolean; demoPayments: boolean };
} {
  const name: RuntimeMode['name'] = e.NODE_ENV === 'production' ? 'production' : e.DATABASE_URL ? 'server' : 'embedded';
  const reasons = [
    name === 'production'
      ? 'production: NODE_ENV=production'
      : name === 'server'
        ? 'server: DATABASE_URL is set without NODE_ENV=production; demo features only when switched on by name'
        : 'embedded: no DATABASE_URL; demo features on unless switched off',
  ];
  const embedded = name === 'embedded';
  const pick = (variable: 'FOYER_SEED_DEMO' | 'FOYER_DEV_MAILBOX' | 'FOYER_DEMO_PAYMENTS', fallback: boolean) => {
    const on = e[variable] ? e[variable] === 'true' : fallback;
    reasons.push(`${variable}: ${on ? 'on' : 'off'} (${e[variable] ? 'set by name' : `default of ${name} mode`})`);
    return on;
  };
  const seedDemo = pick('FOYER_SEED_DEMO', embedded);
  const devMailbox = pick('FOYER_DEV_MAILBOX', embedded && !e.SMTP_URL);
  const demoPayments = pick('FOYER_DEMO_PAYMENTS', embedded);
  if (name === 'production') {
    if (seedDemo) throw invalid('FOYER_SEED_DEMO=true is refused in production (its admin has a public password)');
    if (devMailbox) throw invalid('FOYER_DEV_MAILBOX=true is refused in production (it shows every reset link to anyone)');
    if (!e.SMTP_URL) throw invalid('SMTP_URL is required when NODE_ENV=production');
    if (!e.FOYER_SECRETS_KEY && !e.FOYER_SECRETS_KEY_FILE) {
      throw invalid(
        'FOYER_SECRETS_KEY or FOYER_SECRETS_KEY_FILE is required when NODE_ENV=production (signing keys are sealed with it)',
      );
    }
    if (demoPayments && (!e.FOYER_DEMO_PAYMENT_SECRET || e.FOYER_DEMO_PAYMENT_SECRET === DEV_DEMO_PAYMENT_SECRET)) {
      throw invalid('FOYER_DEMO_PAYMENT_SECRET (a real secret) is required with FOYER_DEMO_PAYMENTS=true in production');
    }
  }
  return { mode: { name, reasons }, features: { seedDemo, devMailbox, demoPayments } };
}

/** Reads and checks the environment; a wrong value stops the start with a clear message. */
export function loadConfig(
  env: Record<string, string | undefined>,
  defaults: { siteDir?: string; widgetsDir?: string } = {},
): Config {
  const parsed = v.safeParse(Env, env);
  if (!parsed.success) {
    const lines = parsed.issues.map((i) => `${v.getDotPath(i) ?? '?'}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.output;
  const port = e.PORT;
  const publicUrl = (e.FOYER_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const database: DatabaseTarget = e.DATABASE_URL
    ? {
        kind: 'postgres',
        url: e.DATABASE_URL,
        poolSize: e.DATABASE_POOL_SIZE,
        timeouts: {
          statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
          lockMs: e.DATABASE_LOCK_TIMEOUT_MS,
          poolWaitMs: e.DATABASE_POOL_WAIT_MS,
        },
      }
    : { kind: 'pglite', dataDir: e.FOYER_DATA_DIR === ':memory:' ? undefined : e.FOYER_DATA_DIR };
  const { mode, features } = decideMode(e);
  return {
    env: e.NODE_ENV ?? 'development',
    port,
    publicUrl,
    database,
    mode,
    seedDemo: features.seedDemo,
    devMailbox: features.devMailbox,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.FOYER_BODY_LIMIT,
    attachmentMaxBytes: e.FOYER_ATTACHMENT_MAX_BYTES,
    attachmentQuotaBytes: e.FOYER_ATTACHMENT_QUOTA_BYTES,
    trustedProxies: trustedProxiesOf(e.FOYER_TRUSTED_PROXIES, e.FOYER_TRUST_PROXY),
    auth: {
      issuer: publicUrl,
      audience: 'foyer-api',
      accessTokenSeconds: e.FOYER_ACCESS_TOKEN_SECONDS,
      refreshTokenSeconds: e.FOYER_SESSION_HOURS * 3600,
      invitationSeconds: 14 * 24 * 3600,
      resetSeconds: 3600,
    },
    secretsKey: secretsKeyOf(e),
    retention: {
      sentEmailDays: 30,
      unsentDocumentHours: 24,
      inactiveHouseholdYears: e.FOYER_INACTIVE_HOUSEHOLD_YEARS,
      closedRequestDocumentDays: e.FOYER_CLOSED_REQUEST_DOCUMENT_DAYS,
    },
    passwords: {
      argon2: OWASP_ARGON2,
      // Hashes run on libuv's pool (4 threads): one thread stays free for gzip and file reads.
      hashConcurrency: e.FOYER_HASH_CONCURRENCY ?? Math.max(1, Math.min(availableParallelism(), 3)),
      hashQueue: e.FOYER_HASH_QUEUE,
    },
    cacheSeconds: e.FOYER_CACHE_SECONDS,
    // In production a balancer may be polling /readyz; on a laptop, Ctrl-C stops at once.
    drainDelayMs: e.FOYER_DRAIN_DELAY_MS ?? (e.NODE_ENV === 'production' ? 5000 : 0),
    throttle: {
      windowSeconds: 15 * 60,
      failuresPerAccountAndAddress: 5,
      failuresPerAddress: 50,
      accountFreeAttempts: 10,
      accountFirstDelaySeconds: 1,
      accountMaxDelaySeconds: 30,
      emailsPerAddress: 20,
      requestEmailsPerHouseholdPerDay: 10,
      resetAnswerMs: 400,
    },
    siteDir: e.FOYER_SITE_DIR ?? defaults.siteDir,
    widgetsDir: e.FOYER_WIDGETS_DIR ?? defaults.widgetsDir,
    oldestClientRevision: e.FOYER_OLDEST_CLIENT_REVISION,
    demoPayments: features.demoPayments ? { secret: e.FOYER_DEMO_PAYMENT_SECRET ?? DEV_DEMO_PAYMENT_SECRET } : undefined,
  };
}

/** `FOYER_TRUSTED_PROXIES` (hops or CIDRs); the older `FOYER_TRUST_PROXY=true` means one hop. */
function trustedProxiesOf(list: string | undefined, legacy: 'true' | 'false' | undefined): TrustedProxies {
  if (list !== undefined) {
    try {
      return parseTrustedProxies(list);
    } catch (err) {
      throw new Error(`Invalid configuration:\n  FOYER_TRUSTED_PROXIES: ${(err as Error).message}`);
    }
  }
  return legacy === 'true' ? { hops: 1, cidrs: [] } : NO_TRUSTED_PROXY;
}

/** The secrets key from the environment or a file (a mounted secret); undefined when neither is set. */
function secretsKeyOf(e: Env): Buffer | undefined {
  const [name, text] = e.FOYER_SECRETS_KEY
    ? ['FOYER_SECRETS_KEY', e.FOYER_SECRETS_KEY]
    : e.FOYER_SECRETS_KEY_FILE
      ? ['FOYER_SECRETS_KEY_FILE', readSecretFile(e.FOYER_SECRETS_KEY_FILE)]
      : [undefined, undefined];
  if (!name || text === undefined) return undefined;
  try {
    return parseSecretsKey(text);
  } catch (err) {
    throw invalid(`${name}: ${(err as Error).message}`);
  }
}

function readSecretFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw invalid(`FOYER_SECRETS_KEY_FILE: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
