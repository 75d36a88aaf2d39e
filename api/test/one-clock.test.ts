import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

// One source of time: every instant compared with "now" comes from the injected Clock. The
// database's clock may only stamp audit columns that nothing compares with the clock.
// No `\b` after `now()`: a word boundary never follows `)`, and the pattern matched no `now()`.
const DATABASE_CLOCK =
  /\b(?:now\s*\(\s*\)|(?:current_date|current_timestamp|localtimestamp|clock_timestamp|statement_timestamp|transaction_timestamp)\b)/i;

/**
 * The columns whose default may read the database's clock, by `table.column`: audit stamps that
 * are shown, exported or ordered by, never compared with "now" (nor with an instant of the
 * Clock). A column a rule compares is stamped by the application and has no default (0032).
 */
const AUDIT_STAMPS = new Map<string, string>([
  ['collectivities.created_at', 'shown only'],
  ['accounts.created_at', 'exported with the household; inactivity reads last_signed_in_at'],
  ['accounts.updated_at', 'shown only'],
  ['password_reset_tokens.created_at', 'the token lives by expires_at'],
  ['email_change_tokens.created_at', 'the token lives by expires_at'],
  ['invitations.created_at', 'the invitation lives by expires_at'],
  ['signing_keys.created_at', 'orders the keys; rotation reads retired_at'],
  ['households.updated_at', 'shown and exported only'],
  ['memberships.created_at', 'shown only'],
  ['guardians.created_at', "orders a household's guardians"],
  ['guardians.updated_at', 'shown only'],
  ['children.created_at', 'shown only'],
  ['children.updated_at', 'shown only'],
  ['enrolments.created_at', 'shown only; an enrolment lives by from_date, to_date, ended_at'],
  ['payments.created_at', 'shown only; a payment lives by expires_at'],
  ['payments.updated_at', 'orders the held payments'],
  ['bookings.updated_at', 'orders the late cancellations; shown'],
  ['carts.updated_at', 'shown only (stamped by the Clock all the same)'],
  ['cart_lines.created_at', "orders a cart's lines"],
  ['requests.updated_at', 'shown only'],
  ['audit_log.at', 'the audit trail, filtered by the dates an agent picks'],
  ['idempotency_keys.created_at', 'stamped by the Clock all the same; a key lives by expires_at'],
]);

/** Creation instants a rule compares with the Clock (retention, the request-email cap, unread marks). */
const CLOCK_STAMPED = [
  'households.created_at',
  'bookings.created_at',
  'invoices.created_at',
  'attachments.created_at',
  'requests.created_at',
  'request_messages.created_at',
];

const apiSrc = join(import.meta.dirname, '..', 'src');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('one clock', () => {
  it('reads no database clock in a query: instants come from the injected Clock', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(apiSrc)) {
      if (file.includes(`${join('db', 'migrations')}`)) continue;
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        // `clock.now()`, `Date.now()` and the Clock's own `now(): Date` are the application's clock.
        const code = line.replace(/\.now\(\)|\bnow\(\):/g, '').replace(/\/\/.*$/, '');
        if (DATABASE_CLOCK.test(code)) offenders.push(`${relative(apiSrc, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('lets the database clock default only audit stamps', async () => {
    // pg_catalog, not information_schema: the latter hides defaults from a role that does not own
    // the table, as the API's role (migration 0031), which made this check pass on nothing.
    const { rows } = await sql<{ table_name: string; column_name: string; column_default: string }>`
      select c.relname as table_name, a.attname as column_name, pg_get_expr(d.adbin, d.adrelid) as column_default
      from pg_attrdef d
      join pg_class c on c.oid = d.adrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
      where n.nspname = current_schema()`.execute(t.deps.db);
    const clocked = rows.filter((r) => DATABASE_CLOCK.test(r.column_default)).map((r) => `${r.table_name}.${r.column_name}`);
    // The pattern must see `now()` at all: it once matched none, and the check passed on nothing.
    expect(clocked).toContain('audit_log.at');
    expect(clocked.filter((name) => !AUDIT_STAMPS.has(name))).toEqual([]);
    // And the list holds no column that lost its default since (or never had one).
    expect([...AUDIT_STAMPS.keys()].filter((name) => !clocked.includes(name))).toEqual([]);
    for (const compared of CLOCK_STAMPED) expect(AUDIT_STAMPS.has(compared), compared).toBe(false);
  });

  it('uses no database clock in triggers or functions', async () => {
    const { rows } = await sql<{ name: string; body: string }>`
      select p.proname as name, p.prosrc as body from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace where n.nspname = current_schema()`.execute(t.deps.db);
    expect(rows.filter((r) => DATABASE_CLOCK.test(r.body)).map((r) => r.name)).toEqual([]);
  });

  it('queues emails that the worker delivers at the test clock, whatever the real date', async () => {
    t.clock.set('2026-11-27T07:00:00.000Z');
    const res = await t.request('POST', '/v1/auth/password-reset', { body: { email: 'parent.demo@example.org' } });
    expect(res.status).toBe(202);
    expect(await t.deliverEmails()).toBe(1);
  });
});
