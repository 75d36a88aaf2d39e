import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('count as numbers when cast in SQL', async () => {
    const row = await t.deps.db.selectFrom('households').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(typeof row.n).toBe('number');
  });
});
