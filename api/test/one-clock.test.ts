import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

// One source of time: every instant compared with "now" comes from the injected Clock. The
// database's clock may only stamp audit columns that nothing compares with the clock.
const DATABASE_CLOCK =
  /\b(now\s*\(\s*\)|current_date|current_timestamp|localtimestamp|clock_timestamp|statement_timestamp|transaction_timestamp)\b/i;

/** Columns whose default reads the database's clock: audit stamps, never compared with "now". */
const AUDIT_STAMPS = new Set(['created_at', 'updated_at', 'audit_log.at']);

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
        const code = line.replace(/\.now\(\)/g, '').replace(/\/\/.*$/, '');
        if (DATABASE_CLOCK.test(code)) offenders.push(`${relative(apiSrc, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('lets the database clock default only audit stamps', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string; column_default: string }>`
      select table_name, column_name, column_default from information_schema.columns
      where table_schema = current_schema() and column_default is not null`.execute(t.deps.db);
    const clocked = rows
      .filter((r) => DATABASE_CLOCK.test(r.column_default))
      .map((r) => `${r.table_name}.${r.column_name}`)
      .filter((name) => !AUDIT_STAMPS.has(name) && !AUDIT_STAMPS.has(name.split('.')[1] ?? ''));
    expect(clocked).toEqual([]);
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
