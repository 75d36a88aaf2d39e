import postgres from 'postgres';
import { localDateOf } from '../src/domain/zoned-time.js';
import type { PasswordSettings } from '../src/modules/auth/passwords.js';

/**
 * The instant the test suites pin their clock to: `FOYER_TEST_NOW` (an ISO instant) when set,
 * so that the suites can be run on any date; 08:00 in Paris on Friday 27 November 2026 otherwise.
 */
export const TEST_NOW = new Date(process.env.FOYER_TEST_NOW ?? '2026-11-27T07:00:00.000Z').toISOString();
/** The local date (Paris) of TEST_NOW: the seed's "today". */
export const TEST_TODAY = localDateOf(new Date(TEST_NOW), 'Europe/Paris');
/** The template database every test file copies: one per run, so that two runs on one server never meet. */
export const TEMPLATE_DATABASE = `foyer_test_template_${process.pid}`;
/** Password hashing of the test suites: argon2id at a low cost, so that a test signs in in milliseconds. */
export const TEST_PASSWORDS: PasswordSettings = {
  argon2: { memoryKiB: 1024, timeCost: 1, parallelism: 1 },
  hashConcurrency: 2,
  hashQueue: 256,
};

/** The server URL with another database name. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs admin statements (create/drop database) on the server of `url`. */
export async function withAdmin<T>(url: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}
