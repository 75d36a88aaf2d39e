import { sql } from 'kysely';
import { signAccessToken } from '../src/modules/auth/access-tokens.js';
import { agentWithRole } from './agent-builders.js';
import { buildHouseholds } from './builders.js';
import { DEMO, type TestApp } from './harness.js';
import { bookableDays } from './test-days.js';

/**
 * One of everything in the demo town, all belonging to (or reachable by) the demo parent's
 * household, "the victim": the access matrix and the forged-token tests aim their calls at
 * these real objects, so a refusal is proven on rows that exist rather than on unknown ids.
 */
export interface AccessFixture {
  slug: string;
  collectivityId: string;
  householdId: string;
  guardianId: string;
  childId: string;
  bookingId: string;
  paymentId: string;
  /** An issued invoice of the victim's household, still to pay (from the demo seed). */
  invoiceId: string;
  attachmentId: string;
  requestId: string;
  categoryId: string;
  serviceId: string;
  siteId: string;
  activityId: string;
  closureId: string;
  enrolmentId: string;
  agentMembershipId: string;
  importJobId: string;
  joinRequestId: string;
  cartLineId: string;
  /** A school day the victim's child can be booked on. */
  day: string;
  tokens: {
    /** The victim: the demo parent. */
    parent: string;
    admin: string;
    /** The victim parent's token, expired. */
    expired: string;
    otherHousehold: string;
    otherTownParent: string;
    otherTownAgent: string;
    roles: Record<'admin' | 'agent' | 'kitchen' | 'animator', string>;
  };
}

const one = async <T>(label: string, p: Promise<T | undefined>): Promise<T> => {
  const row = await p;
  if (!row) throw new Error(`access fixture: no ${label} in the demo seed`);
  return row;
};

export async function buildAccessFixture(t: TestApp): Promise<AccessFixture> {
  const db = t.deps.db;
  const slug = DEMO.collectivities.demo;
  const town = await one('town', db.selectFrom('collectivities').select('id').where('slug', '=', slug).executeTakeFirst());
  const other = await one(
    'second town',
    db.selectFrom('collectivities').select('id').where('slug', '=', DEMO.collectivities.second).executeTakeFirst(),
  );
  const c = town.id;
  const parent = await t.login(DEMO.parent);
  const admin = await agentWithRole(t, 'admin');
  const roles = {
    admin: admin.token,
    agent: (await agentWithRole(t, 'agent')).token,
    kitchen: (await agentWithRole(t, 'kitchen')).token,
    animator: (await agentWithRole(t, 'animator')).token,
  };
  const parentAccount = await one(
    'parent',
    db.selectFrom('accounts').select('id').where('email', '=', DEMO.parent).executeTakeFirst(),
  );
  const household = await one(
    'household',
    db
      .selectFrom('memberships')
      .select('household_id')
      .where('collectivity_id', '=', c)
      .where('account_id', '=', parentAccount.id)
      .where('kind', '=', 'parent')
      .executeTakeFirst(),
  );
  const householdId = household.household_id ?? '';
  const byHousehold = <T extends 'guardians' | 'children' | 'bookings' | 'payments' | 'attachments' | 'requests'>(table: T) =>
    one(
      table,
      db
        .selectFrom(table as 'guardians')
        .select('id')
        .where('collectivity_id', '=', c)
        .where('household_id', '=', householdId)
        .executeTakeFirst(),
    ).then((r) => r.id);
  const byTown = <T extends 'services' | 'sites' | 'activities' | 'closures' | 'request_categories'>(table: T) =>
    one(
      table,
      db
        .selectFrom(table as 'services')
        .select('id')
        .where('collectivity_id', '=', c)
        .executeTakeFirst(),
    ).then((r) => r.id);
  const childId = await byHousehold('children');
  const enrolment = await one(
    'enrolment',
    db
      .selectFrom('enrolments')
      .select(['id', 'activity_id'])
      .where('collectivity_id', '=', c)
      .where('child_id', '=', childId)
      .executeTakeFirst(),
  );
  const agentMembership = await one(
    'agent membership',
    db
      .selectFrom('memberships')
      .select('id')
      .where('collectivity_id', '=', c)
      .where('account_id', '=', admin.accountId)
      .executeTakeFirst(),
  );
  const importJob = await db
    .insertInto('import_jobs')
    .values({
      collectivity_id: c,
      created_by: admin.accountId,
      status: 'done',
      dry_run: true,
      send_invitations: false,
      filename: 'familles.csv',
      encoding: 'utf-8',
      report: JSON.stringify({ families: [] }) as never,
      created_at: t.clock.now(),
      finished_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const activitiesOf = async (collectivityId: string) =>
    (await db.selectFrom('activities').select('id').where('collectivity_id', '=', collectivityId).execute()).map((a) => a.id);
  const otherTown = (
    await buildHouseholds(t, { count: 1, collectivityId: other.id, activityIds: await activitiesOf(other.id) })
  )[0];
  const otherHousehold = (await buildHouseholds(t, { count: 1, collectivityId: c, activityIds: await activitiesOf(c) }))[0];
  if (!otherTown || !otherHousehold) throw new Error('access fixture: no household built');
  const otherTownAgent = (await agentWithRole(t, 'admin', { slug: DEMO.collectivities.second })).token;

  // A join request by a parent of the other town, through the API.
  const joined = await t.request('POST', `/v1/collectivities/${slug}/join-requests`, {
    token: otherTown.token,
    body: { householdName: 'Foyer Test', firstName: 'Alex', lastName: 'Test', children: [] },
  });
  if (joined.status !== 201) throw new Error(`access fixture: join request ${joined.status} ${JSON.stringify(joined.body)}`);

  // A cart line of the victim, through the API.
  const [day = ''] = await bookableDays(t, parent.accessToken, childId, enrolment.activity_id);
  const line = await t.request('POST', `/v1/collectivities/${slug}/cart/lines`, {
    token: parent.accessToken,
    body: { lines: [{ childId, activityId: enrolment.activity_id, action: 'book', dates: [day] }] },
  });
  const cartLine = await db
    .selectFrom('cart_lines')
    .innerJoin('carts', 'carts.id', 'cart_lines.cart_id')
    .select('cart_lines.id')
    .where('carts.household_id', '=', householdId)
    .executeTakeFirst();
  if (!cartLine) throw new Error(`access fixture: no cart line (${line.status} ${JSON.stringify(line.body)})`);

  const expired = await signAccessToken(
    t.deps.keys,
    t.deps.config.auth,
    parentAccount.id,
    new Date(t.clock.now().getTime() - 2 * t.deps.config.auth.accessTokenSeconds * 1000),
  );
  return {
    slug,
    collectivityId: c,
    householdId,
    guardianId: await byHousehold('guardians'),
    childId,
    bookingId: await byHousehold('bookings'),
    paymentId: await byHousehold('payments'),
    invoiceId: (
      await one(
        'invoice to pay',
        db
          .selectFrom('invoices')
          .select('id')
          .where('collectivity_id', '=', c)
          .where('household_id', '=', householdId)
          .where('kind', '=', 'invoice')
          .where('status', '=', 'issued')
          .executeTakeFirst(),
      )
    ).id,
    attachmentId: await byHousehold('attachments'),
    requestId: await byHousehold('requests'),
    categoryId: await byTown('request_categories'),
    serviceId: await byTown('services'),
    siteId: await byTown('sites'),
    activityId: enrolment.activity_id,
    closureId: await byTown('closures'),
    enrolmentId: enrolment.id,
    agentMembershipId: agentMembership.id,
    importJobId: importJob.id,
    joinRequestId: joined.body.id,
    cartLineId: cartLine.id,
    day,
    tokens: {
      parent: parent.accessToken,
      admin: admin.token,
      expired,
      otherHousehold: otherHousehold.token,
      otherTownParent: otherTown.token,
      otherTownAgent,
      roles,
    },
  };
}

/**
 * A digest of every table of the database, computed in SQL: one md5 per table over its rows
 * in a stable order. Two equal digests mean no row was added, removed or changed.
 */
export async function databaseDigest(t: TestApp): Promise<Map<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(t.deps.db);
  const parts = tables.rows.map(
    (r) =>
      `select '${r.name}' as name, md5(coalesce(string_agg(x.j, ',' order by x.j), '')) as digest from (select row_to_json(t)::text as j from "${r.name}" t) x`,
  );
  const result = await sql<{ name: string; digest: string }>`${sql.raw(parts.join(' union all '))}`.execute(t.deps.db);
  return new Map(result.rows.map((r) => [r.name, r.digest]));
}

/** The tables whose digest differs. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
}
