import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayLiteral } from '../src/db/array-literal.js';
import { openDatabase, withoutRequestTimeouts } from '../src/db/database.js';
import { pipelined, type Statement, statement } from '../src/db/pipeline.js';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('database drivers', () => {
  const nameOf = async (householdId: string) =>
    (await t.deps.db.selectFrom('households').select('name').where('id', '=', householdId).executeTakeFirstOrThrow()).name;

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

  it("run a pipeline's statements in order, each seeing what the ones before it wrote, and answer each", async () => {
    const household = await t.deps.db.selectFrom('households').select(['id', 'name']).executeTakeFirstOrThrow();
    const answers = await t.deps.db.transaction().execute(async (trx) => {
      const rename = (name: string) =>
        statement(trx.updateTable('households').set({ name }).where('id', '=', household.id).compile());
      const nameNow: Statement<string | undefined> = {
        query: trx.selectFrom('households').select('name').where('id', '=', household.id).compile(),
        read: (result) => (result.rows[0] as { name: string } | undefined)?.name,
      };
      const answers = await pipelined(trx, [rename('Pipeline A'), nameNow, rename('Pipeline B'), nameNow]);
      // Put back: the demo household keeps its name.
      await trx.updateTable('households').set({ name: household.name }).where('id', '=', household.id).execute();
      return answers;
    });
    expect(answers).toEqual([undefined, 'Pipeline A', undefined, 'Pipeline B']);
  });

  it('fail a pipeline with its first failing statement, and keep none of its transaction', async () => {
    const household = await t.deps.db.selectFrom('households').select(['id', 'name']).executeTakeFirstOrThrow();
    const failing = t.deps.db
      .transaction()
      .execute((trx) =>
        pipelined(trx, [
          statement(trx.updateTable('households').set({ name: 'Never kept' }).where('id', '=', household.id).compile()),
          statement(sql`select 1 / 0`.compile(trx)),
          statement(sql`select 'not run'`.compile(trx)),
        ]),
      );
    await expect(failing).rejects.toMatchObject({ message: expect.stringMatching(/division by zero/) });
    expect(await nameOf(household.id)).toBe(household.name);
  });

  it("run a transaction's first statement inside it: rolled back with it, at its isolation level", async () => {
    const household = await t.deps.db.selectFrom('households').select(['id', 'name']).executeTakeFirstOrThrow();
    // The first statement is the one a deferred start of transaction travels with.
    const failing = t.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('households').set({ name: 'Rolled back' }).where('id', '=', household.id).execute();
      throw new Error('the caller fails after its first statement');
    });
    await expect(failing).rejects.toThrow('the caller fails');
    expect(await nameOf(household.id)).toBe(household.name);
    const isolation = await t.deps.db
      .transaction()
      .setIsolationLevel('serializable')
      .execute((trx) => sql<{ level: string }>`select current_setting('transaction_isolation') as level`.execute(trx));
    expect(isolation.rows[0]?.level).toBe('serializable');
    // A transaction that sends nothing ends without a word to the database.
    await expect(t.deps.db.transaction().execute(async () => 'nothing sent')).resolves.toBe('nothing sent');
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(t.deps.db);
    expect(rows[0]?.one).toBe(1);
  });

  it("refuse a booking whose household is not its child's household", async () => {
    const child = await t.deps.db
      .selectFrom('children')
      .select(['collectivity_id', 'id', 'household_id'])
      .executeTakeFirstOrThrow();
    const other = await t.deps.db
      .selectFrom('households')
      .select('id')
      .where('collectivity_id', '=', child.collectivity_id)
      .where('id', '<>', child.household_id)
      .executeTakeFirstOrThrow();
    const activity = await t.deps.db
      .selectFrom('activities')
      .select('id')
      .where('collectivity_id', '=', child.collectivity_id)
      .executeTakeFirstOrThrow();
    const booking = (householdId: string) =>
      t.deps.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('bookings')
          .values({
            collectivity_id: child.collectivity_id,
            household_id: householdId,
            child_id: child.id,
            activity_id: activity.id,
            date: '2031-06-02',
            status: 'booked',
            price_cents: 0,
            created_at: t.deps.clock.now(),
            updated_at: t.deps.clock.now(),
          })
          .execute();
        throw new Error('rolled back');
      });
    await expect(booking(other.id)).rejects.toMatchObject({ message: expect.stringMatching(/bookings_child_of_household/) });
    await expect(booking(child.household_id)).rejects.toThrow('rolled back');
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
