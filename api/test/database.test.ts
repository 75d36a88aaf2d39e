import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayLiteral } from '../src/db/array-literal.js';
import { openDatabase, withoutRequestTimeouts } from '../src/db/database.js';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('database drivers', () => {
  it('store JSON columns as JSON objects, not as JSON strings', async () => {
    const { rows } = await sql<{ kind: string }>`select jsonb_typeof(pricing) as kind from activities limit 1`.execute(t.deps.db);
    expect(rows[0]?.kind).toBe('object');
    const activity = await t.deps.db.selectFrom('activities').select('pricing').executeTakeFirstOrThrow();
    expect(activity.pricing).toHaveProperty('tiers');
  });

  it('read calendar dates as YYYY-MM-DD strings whatever the time zone', async () => {
    const child = await t.deps.db.selectFrom('children').select('birth_date').executeTakeFirstOrThrow();
    expect(child.birth_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('take a column of values sent as one array literal back exactly, whatever the values hold', async () => {
    const values = ['plain', 'with "quotes"', 'back\\slash', 'a,b', '{braces}', ' spaced ', 'NULL', '', 'é€', null];
    const { rows } = await sql<{ value: string | null }>`
      select value from unnest(${arrayLiteral(values)}::text::text[]) with ordinality as u(value, n) order by n`.execute(
      t.deps.db,
    );
    expect(rows.map((r) => r.value)).toEqual(values);
    const numbers = await sql<{ n: number | null }>`select unnest(${arrayLiteral([1, -2, null, 30])}::text::int[]) as n`.execute(
      t.deps.db,
    );
    expect(numbers.rows.map((r) => r.n)).toEqual([1, -2, null, 30]);
    const none = await sql<{ n: string }>`select count(*)::text as n from unnest(${arrayLiteral([])}::text::uuid[])`.execute(
      t.deps.db,
    );
    expect(none.rows[0]?.n).toBe('0');
  });

  it('count as numbers when cast in SQL', async () => {
    const row = await t.deps.db.selectFrom('households').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(typeof row.n).toBe('number');
  });
});

describe('request timeouts on PostgreSQL', () => {
  const url = process.env.DATABASE_URL;
  const settings = async (target: Parameters<typeof openDatabase>[0]) => {
    const opened = await openDatabase(target);
    try {
      const { rows } = await sql<{ lock: string; statement: string }>`
        select current_setting('lock_timeout') as lock, current_setting('statement_timeout') as statement`.execute(opened.db);
      return rows[0];
    } finally {
      await opened.close();
    }
  };

  it.skipIf(!url)('holds for every connection of a request pool, and not for migrations and operator commands', async () => {
    const target = {
      kind: 'postgres' as const,
      url: url ?? '',
      poolSize: 1,
      timeouts: { statementMs: 15_000, lockMs: 4_000, poolWaitMs: 8_000 },
    };
    expect(await settings(target)).toEqual({ lock: '4s', statement: '15s' });
    expect(await settings(withoutRequestTimeouts(target))).toEqual({ lock: '0', statement: '0' });
  });
});
