import * as v from 'valibot';
import type { DatabaseTarget } from './db/database.js';

/** Everything the app reads from the environment, validated once at start. */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  /** The public address of this API and of the demo site, used in email links. */
  publicUrl: string;
  database: DatabaseTarget;
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
  /** Take the client address from `X-Forwarded-For` (behind a reverse proxy you control). */
  trustProxy: boolean;
  auth: {
    issuer: string;
    audience: string;
    accessTokenSeconds: number;
    refreshTokenSeconds: number;
    invitationSeconds: number;
    resetSeconds: number;
    /** scrypt cost, log2(N). 17 is OWASP's recommendation; tests lower it. */
    scryptLog2N: number;
  };
  /**
   * How long collectivity settings, activity rules and memberships may be served from memory
   * (seconds; 0 turns the caches off). Changes take at most this long to apply everywhere.
   */
  cacheSeconds: number;
  throttle: {
    windowSeconds: number;
    loginFailuresPerAccount: number;
    loginFailuresPerAddress: number;
    emailsPerAddress: number;
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
  FOYER_DATA_DIR: v.optional(v.string(), './.foyer-data'),
  FOYER_SEED_DEMO: v.optional(v.picklist(['true', 'false'])),
  SMTP_URL: v.optional(v.pipe(v.string(), v.regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL'))),
  MAIL_FROM: v.optional(v.string(), 'Foyer <no-reply@foyer.localhost>'),
  LOG_LEVEL: v.optional(v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  FOYER_BODY_LIMIT: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '1048576'),
  FOYER_ATTACHMENT_MAX_BYTES: v.optional(
    v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number), v.minValue(1, 'must be at least 1 byte')),
    '10485760',
  ),
  FOYER_TRUST_PROXY: v.optional(v.picklist(['true', 'false']), 'false'),
  FOYER_ACCESS_TOKEN_SECONDS: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '600'),
  FOYER_SESSION_HOURS: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '12'),
  FOYER_SITE_DIR: v.optional(v.string()),
  FOYER_WIDGETS_DIR: v.optional(v.string()),
  FOYER_OLDEST_CLIENT_REVISION: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '1'),
  FOYER_CACHE_SECONDS: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '5'),
  FOYER_DEMO_PAYMENTS: v.optional(v.picklist(['true', 'false'])),
  FOYER_DEMO_PAYMENT_SECRET: v.optional(v.pipe(v.string(), v.minLength(32, 'must have at least 32 characters'))),
});

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
  const production = e.NODE_ENV === 'production';
  const port = e.PORT;
  const publicUrl = (e.FOYER_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const database: DatabaseTarget = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
    : { kind: 'pglite', dataDir: e.FOYER_DATA_DIR === ':memory:' ? undefined : e.FOYER_DATA_DIR };
  if (production && !e.SMTP_URL) throw new Error('Invalid configuration:\n  SMTP_URL is required when NODE_ENV=production');
  const demoPaymentsOn = e.FOYER_DEMO_PAYMENTS ? e.FOYER_DEMO_PAYMENTS === 'true' : !production;
  if (production && demoPaymentsOn && !e.FOYER_DEMO_PAYMENT_SECRET) {
    throw new Error(
      'Invalid configuration:\n  FOYER_DEMO_PAYMENT_SECRET is required with FOYER_DEMO_PAYMENTS=true in production',
    );
  }
  return {
    env: e.NODE_ENV ?? 'development',
    port,
    publicUrl,
    database,
    seedDemo: e.FOYER_SEED_DEMO ? e.FOYER_SEED_DEMO === 'true' : !production,
    devMailbox: !production && !e.SMTP_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.FOYER_BODY_LIMIT,
    attachmentMaxBytes: e.FOYER_ATTACHMENT_MAX_BYTES,
    trustProxy: e.FOYER_TRUST_PROXY === 'true',
    auth: {
      issuer: publicUrl,
      audience: 'foyer-api',
      accessTokenSeconds: e.FOYER_ACCESS_TOKEN_SECONDS,
      refreshTokenSeconds: e.FOYER_SESSION_HOURS * 3600,
      invitationSeconds: 14 * 24 * 3600,
      resetSeconds: 3600,
      scryptLog2N: 17,
    },
    cacheSeconds: e.FOYER_CACHE_SECONDS,
    throttle: { windowSeconds: 15 * 60, loginFailuresPerAccount: 5, loginFailuresPerAddress: 50, emailsPerAddress: 20 },
    siteDir: e.FOYER_SITE_DIR ?? defaults.siteDir,
    widgetsDir: e.FOYER_WIDGETS_DIR ?? defaults.widgetsDir,
    oldestClientRevision: e.FOYER_OLDEST_CLIENT_REVISION,
    demoPayments: demoPaymentsOn ? { secret: e.FOYER_DEMO_PAYMENT_SECRET ?? DEV_DEMO_PAYMENT_SECRET } : undefined,
  };
}
