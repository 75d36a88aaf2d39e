import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/lib/logger.js';
import { startFoyer } from '../src/main.js';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://foyer@db.internal:5432/foyer',
  SMTP_URL: 'smtp://mail.internal:587',
  FOYER_PUBLIC_URL: 'https://famille.example.org',
  FOYER_SECRETS_KEY: 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=',
};
const realSecret = 'a-real-secret-of-this-town-0123456789abcdef';

describe('production refuses every unsafe setting', () => {
  it('starts with the safe settings, every demo feature off', () => {
    const config = loadConfig(production);
    expect(config.mode.name).toBe('production');
    expect({ seed: config.seedDemo, mailbox: config.devMailbox, payments: config.demoPayments }).toEqual({
      seed: false,
      mailbox: false,
      payments: undefined,
    });
  });

  it('refuses the demo seed', () => {
    expect(() => loadConfig({ ...production, FOYER_SEED_DEMO: 'true' })).toThrow(/FOYER_SEED_DEMO=true is refused in production/);
  });

  it('refuses the dev mailbox', () => {
    expect(() => loadConfig({ ...production, FOYER_DEV_MAILBOX: 'true' })).toThrow(
      /FOYER_DEV_MAILBOX=true is refused in production/,
    );
  });

  it('refuses to start without SMTP_URL', () => {
    expect(() => loadConfig({ ...production, SMTP_URL: undefined })).toThrow(/SMTP_URL is required/);
  });

  it('refuses to start without a secrets key to seal the signing keys', () => {
    expect(() => loadConfig({ ...production, FOYER_SECRETS_KEY: undefined })).toThrow(/FOYER_SECRETS_KEY/);
    expect(() => loadConfig({ ...production, FOYER_SECRETS_KEY: 'too-short' })).toThrow(/must be 32 bytes/);
    expect(() => loadConfig({ ...production, FOYER_SECRETS_KEY: undefined, FOYER_SECRETS_KEY_FILE: '/nonexistent/key' })).toThrow(
      /cannot read/,
    );
  });

  it('refuses demo payments without a secret of its own', () => {
    expect(() => loadConfig({ ...production, FOYER_DEMO_PAYMENTS: 'true' })).toThrow(/FOYER_DEMO_PAYMENT_SECRET/);
  });

  it('refuses demo payments signed with the public development secret', () => {
    expect(() =>
      loadConfig({
        ...production,
        FOYER_DEMO_PAYMENTS: 'true',
        FOYER_DEMO_PAYMENT_SECRET: 'foyer-demo-payments-development-secret',
      }),
    ).toThrow(/a real secret/);
    expect(
      loadConfig({ ...production, FOYER_DEMO_PAYMENTS: 'true', FOYER_DEMO_PAYMENT_SECRET: realSecret }).demoPayments,
    ).toEqual({ secret: realSecret });
  });
});

describe('fail closed outside production', () => {
  it('with a database and NODE_ENV forgotten, turns no demo feature on and asks for SMTP', async () => {
    const config = loadConfig({ DATABASE_URL: production.DATABASE_URL });
    expect(config.mode.name).toBe('server');
    expect([config.seedDemo, config.devMailbox, config.demoPayments]).toEqual([false, false, undefined]);
    // The server refuses to start without a way to send mail (before it opens anything).
    await expect(startFoyer(config, createLogger('silent'))).rejects.toThrow(/SMTP_URL is required \(or FOYER_DEV_MAILBOX=true/);
  });

  it('turns demo features on there only by name', () => {
    const config = loadConfig({
      DATABASE_URL: production.DATABASE_URL,
      FOYER_SEED_DEMO: 'true',
      FOYER_DEV_MAILBOX: 'true',
      FOYER_DEMO_PAYMENTS: 'true',
    });
    expect([config.seedDemo, config.devMailbox, config.demoPayments !== undefined]).toEqual([true, true, true]);
    expect(config.mode.reasons).toContain('FOYER_SEED_DEMO: on (set by name)');
  });

  it('keeps the embedded default a ready-to-try demo, and says why', () => {
    const config = loadConfig({});
    expect(config.mode.name).toBe('embedded');
    expect([config.seedDemo, config.devMailbox, config.demoPayments !== undefined]).toEqual([true, true, true]);
    expect(config.mode.reasons).toContain('FOYER_DEV_MAILBOX: on (default of embedded mode)');
  });
});

describe('a slow database is waited for a bounded time', () => {
  it('limits lock waits, statements and pool waits by default', () => {
    const { database } = loadConfig(production);
    expect(database.kind === 'postgres' && database.timeouts).toEqual({ statementMs: 15_000, lockMs: 4_000, poolWaitMs: 8_000 });
  });

  it('takes other limits, 0 for none, and refuses a value that is not a number of milliseconds', () => {
    const { database } = loadConfig({
      ...production,
      DATABASE_STATEMENT_TIMEOUT_MS: '0',
      DATABASE_LOCK_TIMEOUT_MS: '1500',
      DATABASE_POOL_WAIT_MS: '2000',
    });
    expect(database.kind === 'postgres' && database.timeouts).toEqual({ statementMs: 0, lockMs: 1_500, poolWaitMs: 2_000 });
    expect(() => loadConfig({ ...production, DATABASE_LOCK_TIMEOUT_MS: '4s' })).toThrow(/DATABASE_LOCK_TIMEOUT_MS/);
  });
});
