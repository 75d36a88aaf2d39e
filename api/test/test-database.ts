import postgres from 'postgres';

/** The fixed "today" of the test suites, so that deadlines and calendars are reproducible. */
export const TEST_TODAY = '2026-11-27';
/** 08:00 in Paris on TEST_TODAY. */
export const TEST_NOW = '2026-11-27T07:00:00.000Z';
export const TEMPLATE_DATABASE = 'foyer_test_template';
/** scrypt cost of the test suites: low, so that a test signs in in milliseconds. */
export const TEST_SCRYPT_LOG2N = 10;

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
