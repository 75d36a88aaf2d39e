import {
  InsertQueryNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { databaseUrl } from './test-database.js';
import { bookableDays } from './test-days.js';

/**
 * Cuts every connection to the test database right after the checkout's booking insert has
 * run (the answer of the statement, or of the pipeline of statements, that carries it), as a
 * crashed or restarted database server would, in the middle of the transaction.
 */
class ConnectionKiller implements KyselyPlugin {
  armed = false;
  killed = 0;
  /** A booking insert was compiled: the next answer is its own, or its pipeline's. */
  #inserting = false;
  constructor(private readonly kill: () => Promise<number>) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (InsertQueryNode.is(node) && node.into?.table.identifier.name === 'bookings') this.#inserting = this.armed;
    return node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.armed && this.#inserting) {
      this.armed = false;
      this.#inserting = false;
      this.killed = await this.kill();
    }
    return args.result;
  }
}

const C = '/v1/collectivities/ville-de-demo';
const url = process.env.DATABASE_URL;
let t: TestApp;
let family: DemoFamily;
let killer: ConnectionKiller;
let admin: postgres.Sql | undefined;
let killAdmin: postgres.Sql | undefined;

beforeAll(async () => {
  killer = new ConnectionKiller(async () => {
    const rows = await killAdmin!`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = ${databaseName} and pid <> pg_backend_pid() and pid <> ${inspectorPid}
        and application_name <> 'foyer-test-inspector'`;
    return rows.length;
  });
  t = await startTestApp({ plugins: [killer] });
  family = await demoFamily(t);
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(t.deps.db);
  databaseName = rows[0]?.name ?? '';
  if (url) {
    killAdmin = postgres(databaseUrl(url, 'postgres'), { max: 1, onnotice: () => {} });
    admin = postgres(databaseUrl(url, databaseName), {
      max: 1,
      onnotice: () => {},
      connection: { application_name: 'foyer-test-inspector' },
    });
    // Connected now, and spared by its pid: a connection still starting when the killer runs
    // shows no application_name yet, and the inspector's first query then hung on a dead socket.
    const [inspector] = await admin<{ pid: number }[]>`select pg_backend_pid() as pid`;
    inspectorPid = inspector?.pid ?? 0;
  }
});
afterAll(async () => {
  await admin?.end();
  await killAdmin?.end();
  await t.close();
});
let databaseName = '';
let inspectorPid = 0;

describe('a database crash during checkout', () => {
  // PGlite runs inside this process: there is no connection to cut. CI runs this on PostgreSQL.
  it.runIf(url)('leaves nothing half-applied, and the retry with the same key succeeds', async () => {
    const parent = (await t.login(DEMO.parent)).accessToken;
    // Lunches Alvaro can book; he may go to childcare those days, which is another activity.
    const dates = await bookableDays(t, parent, family.alvaro, family.activity.canteenFerry, { count: 3 });
    const added = await t.request('POST', `${C}/cart/lines`, {
      token: parent,
      body: { lines: [{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', dates }] },
    });
    expect(added.status).toBe(200);
    // Checked from outside the app, on a connection of its own, as an operator would.
    const booked = async () =>
      admin!.unsafe(
        `select date from bookings where child_id = $1 and activity_id = $2 and date = any($3::date[])`,
        [family.alvaro, family.activity.canteenFerry, dates],
        { prepare: false },
      );

    killer.armed = true;
    const crashed = await t.request('POST', `${C}/cart/checkout`, {
      token: parent,
      body: {},
      headers: { 'idempotency-key': 'crash-key-1' },
    });
    expect(killer.killed).toBeGreaterThan(0);
    expect(crashed.status).toBe(503);
    expect(crashed.headers.get('content-type')).toContain('application/problem+json');
    expect(crashed.body.code).toBe('service_unavailable');
    expect(crashed.headers.get('retry-after')).toBe('1');

    expect(await booked()).toEqual([]);
    const cart = await t.request('GET', `${C}/cart`, { token: parent });
    expect(cart.body.lines).toHaveLength(3);

    const retry = await t.request('POST', `${C}/cart/checkout`, {
      token: parent,
      body: {},
      headers: { 'idempotency-key': 'crash-key-1' },
    });
    expect(retry.status).toBe(200);
    expect(retry.body.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['booked', 'booked', 'booked']);
    expect(await booked()).toHaveLength(3);
  });
});
