import { type KyselyPlugin, type RootOperationNode, SelectQueryNode, sql, TableNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, acrossCollectivities, inCollectivity } from '../src/db/tenant-scope.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

/**
 * A developer's slip, made on purpose: every query that reads `table` loses its WHERE, its
 * `collectivity_id` filter with the rest. Row-level security must still keep the other towns out.
 */
class ForgottenFilter implements KyselyPlugin {
  constructor(private readonly table: string) {}
  transformQuery({ node }: { node: RootOperationNode }): RootOperationNode {
    if (!SelectQueryNode.is(node)) return node;
    const from = node.from?.froms[0];
    if (!from || !TableNode.is(from) || from.table.identifier.name !== this.table) return node;
    const { where: _forgotten, ...unfiltered } = node;
    return unfiltered as RootOperationNode;
  }
  async transformResult<R>({ result }: { result: R }): Promise<R> {
    return result;
  }
}

let t: TestApp;
let demoId: string;
let secondId: string;
beforeAll(async () => {
  t = await startTestApp({ plugins: [new ForgottenFilter('request_categories')] });
  const db = t.database.db;
  const ids = await db.selectFrom('collectivities').select(['id', 'slug']).execute();
  demoId = ids.find((c) => c.slug === DEMO.collectivities.demo)?.id ?? '';
  secondId = ids.find((c) => c.slug === DEMO.collectivities.second)?.id ?? '';
  // Saint-Exemple has a category of its own, which the demo town's parents must never see.
  await db
    .insertInto('request_categories')
    .values({
      collectivity_id: secondId,
      title: 'Catégorie de Saint-Exemple',
      template: null,
      fields: '[]',
      attachment_types: '[]',
      effect: null,
      help_text: null,
      archived_at: null,
      position: 1,
    })
    .execute();
});
afterAll(() => t.close());

describe('row-level security', () => {
  it('runs the API as a role that does not own the tables', async () => {
    const db = t.database.db;
    const { rows } = await sql<{ user: string }>`select current_user as user`.execute(db);
    expect(rows[0]?.user).toBe(APP_ROLE);
    const owners = await sql<{ tableowner: string }>`
      select distinct tableowner from pg_tables where schemaname = 'public'`.execute(db);
    expect(owners.rows.map((r) => r.tableowner)).not.toContain(APP_ROLE);
  });

  it('restricts every table that carries a collectivity_id, including tables added later', async () => {
    const { rows } = await sql<{ table_name: string; rls: boolean; policies: number }>`
      select c.table_name, k.relrowsecurity as rls,
        (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.table_name) as policies
      from information_schema.columns c
      join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
      join pg_class k on k.relname = c.table_name and k.relnamespace = 'public'::regnamespace
      where c.table_schema = 'public' and c.column_name = 'collectivity_id' and tb.table_type = 'BASE TABLE'`.execute(
      t.database.db,
    );
    expect(rows.length).toBeGreaterThan(30);
    const unprotected = rows.filter((r) => !r.rls || r.policies === 0).map((r) => r.table_name);
    expect(unprotected).toEqual([]);
  });

  it('returns nothing of another town to a query that forgets its filter', async () => {
    const db = t.database.db;
    const everywhere = await acrossCollectivities(() => db.selectFrom('children').select('collectivity_id').execute());
    // Both towns have children: the check below is not vacuous.
    expect(new Set(everywhere.map((r) => r.collectivity_id))).toEqual(new Set([demoId, secondId]));
    const inDemo = await inCollectivity(demoId, () => db.selectFrom('children').select('collectivity_id').execute());
    expect(inDemo.length).toBeGreaterThan(0);
    expect(inDemo.every((r) => r.collectivity_id === demoId)).toBe(true);
    const bookings = await inCollectivity(secondId, () =>
      db.selectFrom('bookings').select(db.fn.countAll<string>().as('n')).where('collectivity_id', '=', demoId).execute(),
    );
    expect(Number(bookings[0]?.n)).toBe(0);
  });

  it('refuses to write a row of another town, or to move one there', async () => {
    const db = t.database.db;
    const write = inCollectivity(demoId, () =>
      db
        .insertInto('request_categories')
        .values({
          collectivity_id: secondId,
          title: 'Intruse',
          template: null,
          fields: '[]',
          attachment_types: '[]',
          effect: null,
          help_text: null,
          archived_at: null,
          position: 2,
        })
        .execute(),
    );
    await expect(write).rejects.toMatchObject({ code: '42501' });
    const moved = await inCollectivity(demoId, () =>
      db.updateTable('request_categories').set({ title: 'Renommée' }).where('collectivity_id', '=', secondId).execute(),
    );
    expect(Number(moved[0]?.numUpdatedRows)).toBe(0);
    const kept = await acrossCollectivities(() =>
      db.selectFrom('request_categories').select('title').where('collectivity_id', '=', secondId).execute(),
    );
    expect(kept.map((r) => r.title)).toEqual(['Catégorie de Saint-Exemple']);
  });

  it('shows nothing to a connection whose collectivity is not set', async () => {
    const count = await t.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('foyer.collectivity', '', true)`.execute(trx);
      return (await trx.selectFrom('children').select(trx.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    });
    expect(Number(count)).toBe(0);
  });

  it("keeps a parent's request to one town's rows even when a query forgets its filter", async () => {
    const { accessToken } = await t.login(DEMO.parent);
    const seen = await t.request('GET', `/v1/collectivities/${DEMO.collectivities.demo}/request-categories`, {
      token: accessToken,
    });
    expect(seen.status).toBe(200);
    const titles: string[] = seen.body.categories.map((c: { title: string }) => c.title);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles).not.toContain('Catégorie de Saint-Exemple');
    // The same parent in Saint-Exemple sees that town's category: the scope follows the path.
    const there = await t.request('GET', `/v1/collectivities/${DEMO.collectivities.second}/request-categories`, {
      token: accessToken,
    });
    expect(there.body.categories.map((c: { title: string }) => c.title)).toContain('Catégorie de Saint-Exemple');
  });

  it('keeps the audit log append-only for the API role', async () => {
    const { rows } = await sql<{ updates: boolean; deletes: boolean; inserts: boolean }>`
      select has_table_privilege(${APP_ROLE}, 'audit_log', 'UPDATE') as updates,
             has_table_privilege(${APP_ROLE}, 'audit_log', 'DELETE') as deletes,
             has_table_privilege(${APP_ROLE}, 'audit_log', 'INSERT') as inserts`.execute(t.database.db);
    expect(rows[0]).toEqual({ updates: false, deletes: false, inserts: true });
  });
});
