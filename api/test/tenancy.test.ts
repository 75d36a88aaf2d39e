import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './harness.js';

/** Tables that are not tenant data: the tenant itself, global accounts and infrastructure. */
const GLOBAL_TABLES = [
  'collectivities',
  'accounts',
  'account_collectivities',
  'refresh_tokens',
  'password_reset_tokens',
  'email_change_tokens',
  'signing_keys',
  'rate_limits',
  'outbox',
  'kysely_migration',
  'kysely_migration_lock',
  // The national school calendars, per zone: shared reference data, read by every town of a zone.
  'school_calendar_years',
  'school_holidays',
];

/** Indexes of tenant tables that do not lead with collectivity_id, each with why. */
const CROSS_TENANT_INDEXES: Record<string, string> = {
  'payfip_operations.payfip_operations_id_op':
    "PayFiP's notification carries only the idOp: it is found before its town is known",
  'payfip_operations.payfip_operations_unconfirmed': 'the job that asks PayFiP about lost notifications serves every town',
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('tenant keys', () => {
  it('leads every primary key, unique constraint and index of tenant data with collectivity_id', async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.deps.db);
    const tenantTables = tables.rows.map((r) => r.table_name).filter((name) => !GLOBAL_TABLES.includes(name));
    expect(tenantTables.length).toBeGreaterThanOrEqual(20);
    // Every index (primary keys and unique constraints are indexes) with its first column.
    const indexes = await sql<{ table_name: string; index_name: string; first_column: string }>`
      select t.relname as table_name, i.relname as index_name, a.attname as first_column
      from pg_index x
      join pg_class t on t.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = t.relnamespace
      join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
      where n.nspname = 'public'`.execute(t.deps.db);
    const offending = indexes.rows
      .filter((row) => tenantTables.includes(row.table_name) && row.first_column !== 'collectivity_id')
      .filter((row) => !CROSS_TENANT_INDEXES[`${row.table_name}.${row.index_name}`])
      .map((row) => `${row.table_name}.${row.index_name} starts with ${row.first_column}`);
    expect(offending).toEqual([]);
    // Every tenant table has a primary key, and every foreign key between tenant tables carries the tenant.
    const withoutPk = tenantTables.filter(
      (name) => !indexes.rows.some((r) => r.table_name === name && r.index_name.endsWith('_pkey')),
    );
    expect(withoutPk).toEqual([]);
    const foreignKeys = await sql<{ table_name: string; constraint_name: string; first_column: string; target: string }>`
      select c.conrelid::regclass::text as table_name, c.conname as constraint_name,
             a.attname as first_column, c.confrelid::regclass::text as target
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace`.execute(t.deps.db);
    const crossTenant = foreignKeys.rows
      .filter(
        (fk) => tenantTables.includes(fk.table_name) && tenantTables.includes(fk.target) && fk.first_column !== 'collectivity_id',
      )
      .map((fk) => `${fk.table_name}.${fk.constraint_name}`);
    expect(crossTenant).toEqual([]);
  });
});

describe('households are private to their parents', () => {
  it("never shows one household's child to another household's parent", async () => {
    const parent = await t.login(DEMO.parent);
    const other = await t.login(DEMO.parent2);
    const mine = await t.request('GET', '/v1/collectivities/ville-de-demo/children', { token: parent.accessToken });
    expect(mine.status).toBe(200);
    const childId = mine.body.children[0].id;
    expect(
      (await t.request('GET', `/v1/collectivities/ville-de-demo/children/${childId}`, { token: parent.accessToken })).status,
    ).toBe(200);
    const theirs = await t.request('GET', `/v1/collectivities/ville-de-demo/children/${childId}`, { token: other.accessToken });
    expect(theirs.status).toBe(404);
    const list = await t.request('GET', '/v1/collectivities/ville-de-demo/children', { token: other.accessToken });
    expect(list.body.children.map((c: { id: string }) => c.id)).not.toContain(childId);
    const household = await t.request('GET', '/v1/collectivities/ville-de-demo/household', { token: other.accessToken });
    expect(household.body.name).toBe('Famille Martin');
  });

  it('refuses a parent in a collectivity where the account has no household', async () => {
    const other = await t.login(DEMO.parent2);
    const res = await t.request('GET', '/v1/collectivities/saint-exemple/household', { token: other.accessToken });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('scopes the same account to the household of the collectivity in the path', async () => {
    const parent = await t.login(DEMO.parent);
    const demo = await t.request('GET', '/v1/collectivities/ville-de-demo/children', { token: parent.accessToken });
    const saint = await t.request('GET', '/v1/collectivities/saint-exemple/children', { token: parent.accessToken });
    expect(saint.status).toBe(200);
    const demoIds = new Set(demo.body.children.map((c: { id: string }) => c.id));
    expect(saint.body.children.length).toBeGreaterThan(0);
    expect(saint.body.children.some((c: { id: string }) => demoIds.has(c.id))).toBe(false);
    const wrongTown = await t.request('GET', `/v1/collectivities/saint-exemple/children/${demo.body.children[0].id}`, {
      token: parent.accessToken,
    });
    expect(wrongTown.status).toBe(404);
  });

  it('keeps agents out of parent routes and parents out of agent routes', async () => {
    const agent = await t.login(DEMO.agent);
    expect((await t.request('GET', '/v1/collectivities/ville-de-demo/household', { token: agent.accessToken })).status).toBe(403);
    const parent = await t.login(DEMO.parent);
    const res = await t.request('POST', '/v1/collectivities/saint-exemple/admin/households', {
      token: parent.accessToken,
      body: { name: 'X', guardian: { firstName: 'A', lastName: 'B', email: 'a@b.fr' } },
    });
    expect(res.status).toBe(403);
  });
});
