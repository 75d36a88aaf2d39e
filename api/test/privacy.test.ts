import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepRetention } from '../src/modules/system/retention.js';
import { demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { FILES, uploader } from './uploads.js';

const C = '/v1/collectivities/ville-de-demo';
const DAY = 86_400_000;
/**
 * A clock set years before any real run (and before the demo town's households, whose sweep it
 * leaves alone): what the database's clock would stamp then stands out.
 */
const FAR_FROM_REAL_DATE = '2019-09-02T08:00:00.000Z';

let t: TestApp;
let collectivityId: string;

beforeAll(async () => {
  t = await startTestApp();
  collectivityId = (await demoFamily(t)).collectivityId;
});

/** A fresh agent session: tests move the clock past access tokens' life. */
const agentToken = async () => (await t.login(DEMO.agent)).accessToken;
afterAll(() => t.close());

async function householdOf(email: string): Promise<string> {
  const row = await t.deps.db
    .selectFrom('memberships')
    .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
    .select('memberships.household_id')
    .where('accounts.email', '=', email)
    .where('memberships.collectivity_id', '=', collectivityId)
    .where('memberships.kind', '=', 'parent')
    .executeTakeFirstOrThrow();
  return row.household_id as string;
}

/** A request of the household with one message and `attachmentId` sent with it. */
async function requestWith(householdId: string, body: string, attachmentId: string): Promise<string> {
  const db = t.deps.db;
  const category = await db
    .selectFrom('request_categories')
    .select('id')
    .where('collectivity_id', '=', collectivityId)
    .executeTakeFirstOrThrow();
  const request = await db
    .insertInto('requests')
    .values({
      collectivity_id: collectivityId,
      household_id: householdId,
      category_id: category.id,
      status: 'submitted',
      answers: '{}',
      body,
      created_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('request_messages')
    .values({
      collectivity_id: collectivityId,
      request_id: request.id,
      author_kind: 'agent',
      body: `Réponse à : ${body}`,
      created_at: t.clock.now(),
    })
    .execute();
  await db.updateTable('attachments').set({ request_id: request.id }).where('id', '=', attachmentId).execute();
  return request.id;
}

async function invoiceFor(householdId: string, number: string): Promise<string> {
  const db = t.deps.db;
  const invoice = await db
    .insertInto('invoices')
    .values({
      collectivity_id: collectivityId,
      household_id: householdId,
      kind: 'invoice',
      number,
      status: 'issued',
      issued_at: t.clock.now(),
      created_at: t.clock.now(),
      total_cents: 1234,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('invoice_lines')
    .values({
      collectivity_id: collectivityId,
      invoice_id: invoice.id,
      label: 'Cantine',
      quantity: 2,
      unit_cents: 617,
      total_cents: 1234,
    })
    .execute();
  return invoice.id;
}

describe('a parent downloads their household data', () => {
  it("gives one archive with the household's data and documents, nothing of another household, no secret", async () => {
    const parent = (await t.login(DEMO.parent)).accessToken;
    const household = await householdOf(DEMO.parent);
    const other = await householdOf(DEMO.parent2);
    const pdf = FILES.pdf();
    const upload = await uploader(t).upload(pdf, { token: parent, name: 'Attestation CAF.pdf', type: 'identity' });
    expect(upload.status).toBe(201);
    await requestWith(household, 'Merci de mettre à jour notre adresse.', upload.body.id);
    await invoiceFor(household, 'F-EXPORT-1');
    const otherUpload = await uploader(t).upload(FILES.png(), {
      token: (await t.login(DEMO.parent2)).accessToken,
      name: 'autre.png',
    });
    expect(otherUpload.status).toBe(201);

    const res = await t.fetch(`${C}/household/export`, { headers: { authorization: `Bearer ${parent}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="foyer-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const text = new TextDecoder().decode(files['foyer-export.json']);
    const data = JSON.parse(text);

    expect(data.household.id).toBe(household);
    expect(data.household.name).toBe('Famille Sanchez-Cordoves');
    expect(data.guardians.map((g: { account: { email: string } | null }) => g.account?.email)).toContain(DEMO.parent);
    expect(data.children.map((c: { firstName: string }) => c.firstName).sort()).toEqual(['Alvaro', 'Lucia']);
    expect(data.children[0].health).toHaveProperty('allergies');
    expect(data.children[0]).toHaveProperty('authorisedPickups');
    expect(data.bookings.length).toBeGreaterThan(0);
    expect(data.bookings[0]).toHaveProperty('attendance');
    expect(data.requests).toContainEqual(
      expect.objectContaining({
        body: 'Merci de mettre à jour notre adresse.',
        messages: [expect.objectContaining({ from: 'agent' })],
      }),
    );
    expect(data.invoices).toContainEqual(
      expect.objectContaining({ number: 'F-EXPORT-1', totalCents: 1234, lines: [expect.objectContaining({ label: 'Cantine' })] }),
    );

    // The document, byte for byte, under documents/.
    const documentPath = data.documents.find((d: { id: string }) => d.id === upload.body.id).path;
    expect(documentPath).toBe(`documents/${upload.body.id}-Attestation CAF.pdf`);
    expect(
      createHash('sha256')
        .update(files[documentPath] as Uint8Array)
        .digest('hex'),
    ).toBe(upload.body.sha256);
    expect(Object.keys(files).filter((name) => name.startsWith('documents/'))).toHaveLength(data.documents.length);

    // Nothing of the other household, and no secret.
    expect(text).not.toContain(other);
    expect(text).not.toContain(otherUpload.body.id);
    expect(text).not.toContain('Léo');
    expect(text).not.toMatch(/argon2|password|token|join_?code/i);
  });

  it('is throttled: a sixth archive in the hour is refused with 429', async () => {
    const parent = (await t.login(DEMO.parent)).accessToken;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await t.fetch(`${C}/household/export`, { headers: { authorization: `Bearer ${parent}` } })).status);
    }
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses[4]).toBe(429);
    t.clock.advance(3600_000);
    const later = (await t.login(DEMO.parent)).accessToken;
    expect((await t.fetch(`${C}/household/export`, { headers: { authorization: `Bearer ${later}` } })).status).toBe(200);
  });
});

describe('an agent anonymises a household', () => {
  it('erases its personal data, keeps its invoices and anonymous bookings, disables its account; a second call changes nothing', async () => {
    const db = t.deps.db;
    const household = await householdOf(DEMO.parent2);
    const session = await t.login(DEMO.parent2);
    const upload = await uploader(t).upload(FILES.pdf(), { token: session.accessToken, name: 'certificat.pdf' });
    expect(upload.status).toBe(201);
    await requestWith(household, 'Mon fils est allergique aux arachides.', upload.body.id);
    const invoiceId = await invoiceFor(household, 'F-ERASE-1');
    const before = {
      guardians: await db.selectFrom('guardians').selectAll().where('household_id', '=', household).execute(),
      children: await db.selectFrom('children').selectAll().where('household_id', '=', household).execute(),
      bookings: await db.selectFrom('bookings').select('id').where('household_id', '=', household).execute(),
      household: await db.selectFrom('households').selectAll().where('id', '=', household).executeTakeFirstOrThrow(),
    };
    expect(before.children.length).toBeGreaterThan(0);

    // Neither a parent nor the kitchen may.
    const kitchen = (await t.login(DEMO.kitchen)).accessToken;
    const agent = await agentToken();
    const path = `${C}/admin/households/${household}/anonymise`;
    const body = { reason: 'Demande de la famille par courrier du 2 novembre' };
    expect((await t.request('POST', path, { token: kitchen, body })).status).toBe(403);
    expect((await t.request('POST', path, { token: session.accessToken, body })).status).toBe(403);
    const empty = await t.request('POST', path, { token: agent, body: { reason: '' } });
    expect(empty.status).toBe(400);
    expect(empty.headers.get('content-type')).toContain('application/problem+json');

    const res = await t.request('POST', path, { token: agent, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ householdId: household, anonymisedAt: t.clock.now().toISOString(), alreadyAnonymised: false });

    // No personal data left in the household's rows, except what docs/privacy.md keeps.
    const rows = {
      household: await db.selectFrom('households').selectAll().where('id', '=', household).executeTakeFirstOrThrow(),
      guardians: await db.selectFrom('guardians').selectAll().where('household_id', '=', household).execute(),
      children: await db.selectFrom('children').selectAll().where('household_id', '=', household).execute(),
      requests: await db.selectFrom('requests').selectAll().where('household_id', '=', household).execute(),
      messages: await db
        .selectFrom('request_messages')
        .selectAll()
        .where('request_id', 'in', db.selectFrom('requests').select('id').where('household_id', '=', household))
        .execute(),
      notes: await db.selectFrom('household_notes').selectAll().where('household_id', '=', household).execute(),
      quotients: await db.selectFrom('family_quotients').selectAll().where('household_id', '=', household).execute(),
      attachments: await db.selectFrom('attachments').selectAll().where('household_id', '=', household).execute(),
      memberships: await db.selectFrom('memberships').selectAll().where('household_id', '=', household).execute(),
    };
    const dump = JSON.stringify(rows);
    const identities = [
      ...before.guardians.flatMap((g) => [g.first_name, g.last_name, g.email, g.phone_mobile]),
      ...before.children.flatMap((c) => [c.first_name, c.last_name, c.birth_date, ...c.allergies]),
      before.household.phone,
      before.household.address?.line1,
      DEMO.parent2,
      'arachides',
    ].filter((value): value is string => typeof value === 'string' && value.length > 0);
    for (const identity of identities) expect(dump, identity).not.toContain(identity);
    expect(rows.children.every((c) => c.birth_date.endsWith('-01-01') && c.authorised_pickups.length === 0 && !c.care_plan)).toBe(
      true,
    );
    expect(rows.children.map((c) => c.birth_date.slice(0, 4))).toEqual(before.children.map((c) => c.birth_date.slice(0, 4)));
    expect(rows.attachments).toEqual([]);
    expect(
      await db.selectFrom('attachment_blobs').select('storage_key').where('collectivity_id', '=', collectivityId).execute(),
    ).not.toContainEqual(expect.objectContaining({ storage_key: expect.stringContaining(upload.body.id) }));
    expect(rows.memberships).toEqual([]);
    // The invoice keeps its number, amounts, lines and the household name it was issued to.
    expect(rows.household.name).toBe(before.household.name);
    expect(
      await db.selectFrom('invoices').select(['number', 'total_cents']).where('id', '=', invoiceId).executeTakeFirst(),
    ).toEqual({
      number: 'F-ERASE-1',
      total_cents: 1234,
    });
    expect(
      await db.selectFrom('invoice_lines').select(['label', 'total_cents']).where('invoice_id', '=', invoiceId).execute(),
    ).toEqual([{ label: 'Cantine', total_cents: 1234 }]);
    expect(await db.selectFrom('bookings').select('id').where('household_id', '=', household).execute()).toHaveLength(
      before.bookings.length,
    );

    // The parent can no longer sign in, nor keep their session.
    expect((await t.request('POST', '/v1/auth/login', { body: { email: DEMO.parent2, password: 'demo-password' } })).status).toBe(
      401,
    );
    expect((await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    expect((await t.request('GET', `${C}/household`, { token: session.accessToken })).status).toBeGreaterThanOrEqual(401);

    const entry = await db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('object_id', '=', household)
      .where('action', '=', 'household.anonymised')
      .execute();
    expect(entry).toHaveLength(1);
    expect(entry[0]?.details).toMatchObject({ reason: body.reason, invoicesKept: true });

    t.clock.advance(60_000);
    const again = await t.request('POST', path, { token: agent, body });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ householdId: household, anonymisedAt: res.body.anonymisedAt, alreadyAnonymised: true });
    expect(JSON.stringify(await db.selectFrom('guardians').selectAll().where('household_id', '=', household).execute())).toBe(
      JSON.stringify(rows.guardians),
    );
  });

  it('answers 404 for a household of another collectivity', async () => {
    const agent = await agentToken();
    const res = await t.request('POST', `${C}/admin/households/00000000-0000-4000-8000-000000000000/anonymise`, {
      token: agent,
      body: { reason: 'test' },
    });
    expect(res.status).toBe(404);
  });
});

/** A household an agent creates with one guardian and one child, that then does nothing; its id. */
async function quietHousehold(who: { name: string; guardian: string; child: string; birthDate: string }): Promise<string> {
  const email = `${who.guardian}.${who.name}@test.example`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const created = await t.request('POST', `${C}/admin/households`, {
    token: await agentToken(),
    body: {
      name: `Famille ${who.name}`,
      guardian: { firstName: who.guardian, lastName: who.name, email },
      children: [{ firstName: who.child, lastName: who.name, birthDate: who.birthDate }],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.household.id as string;
}

describe('retention', () => {
  it('anonymises a household inactive for the configured years, not a day before', async () => {
    const db = t.deps.db;
    const years = t.deps.config.retention.inactiveHouseholdYears;
    expect(years).toBe(3);
    const pinned = t.clock.now();
    // Years before the real date: a creation stamped by the database's clock would look too
    // recent to go when due, where the Clock's stamp lets it go (issue #10).
    const last = new Date(FAR_FROM_REAL_DATE);
    t.clock.set(last);
    const household = await quietHousehold({ name: 'Oubliée', guardian: 'Paule', child: 'Zoé', birthDate: '2018-03-14' });
    const due = new Date(last);
    due.setUTCFullYear(due.getUTCFullYear() + years);
    const name = async () =>
      (await db.selectFrom('children').select('first_name').where('household_id', '=', household).executeTakeFirstOrThrow())
        .first_name;

    t.clock.set(new Date(due.getTime() - DAY).toISOString());
    await sweepRetention(t.deps);
    expect(await name()).toBe('Zoé');

    t.clock.set(new Date(due.getTime() + DAY).toISOString());
    const sweep = await sweepRetention(t.deps);
    expect(sweep.inactiveHouseholds).toBeGreaterThanOrEqual(1);
    expect(await name()).toBe('Anonyme');
    const entry = await db
      .selectFrom('audit_log')
      .select(['actor_account_id', 'details'])
      .where('object_id', '=', household)
      .where('action', '=', 'household.anonymised')
      .executeTakeFirstOrThrow();
    expect(entry.actor_account_id).toBeNull();
    t.clock.set(pinned);
  });

  it('keeps a household whose parent still signs in, after the sign-in tokens themselves are purged', async () => {
    const db = t.deps.db;
    const years = t.deps.config.retention.inactiveHouseholdYears;
    const pinned = t.clock.now();
    const start = new Date(FAR_FROM_REAL_DATE);
    t.clock.set(start);
    const household = await quietHousehold({ name: 'Discrète', guardian: 'Lou', child: 'Noé', birthDate: '2018-05-02' });
    // The parent's account, a member of the household: never booked nor invoiced, signs in once a year later.
    const account = await db
      .insertInto('accounts')
      .values({ email: 'lou.discrete@test.example', display_name: 'Lou Discrète', password_hash: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const collectivity = await db
      .selectFrom('households')
      .select('collectivity_id')
      .where('id', '=', household)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('memberships')
      .values({ collectivity_id: collectivity.collectivity_id, account_id: account.id, kind: 'parent', household_id: household })
      .execute();
    const signedIn = new Date(start.getTime() + 365 * DAY);
    await db
      .insertInto('refresh_tokens')
      .values({
        account_id: account.id,
        family_id: crypto.randomUUID(),
        token_hash: new Uint8Array(createHash('sha256').update('lou').digest()),
        issued_at: signedIn,
        expires_at: new Date(signedIn.getTime() + 30 * DAY),
      })
      .execute();
    const name = async () =>
      (await db.selectFrom('children').select('first_name').where('household_id', '=', household).executeTakeFirstOrThrow())
        .first_name;

    // Two months after that sign-in the sweeper purges its expired token…
    t.clock.set(new Date(signedIn.getTime() + 60 * DAY).toISOString());
    const purge = await sweepRetention(t.deps);
    expect(purge.refreshTokens).toBeGreaterThanOrEqual(1);
    expect(await db.selectFrom('refresh_tokens').select('id').where('account_id', '=', account.id).execute()).toEqual([]);
    // …and past the household's own three years, the sign-in still counts: kept.
    const due = new Date(start);
    due.setUTCFullYear(due.getUTCFullYear() + years);
    t.clock.set(new Date(due.getTime() + DAY).toISOString());
    await sweepRetention(t.deps);
    expect(await name()).toBe('Noé');
    // The account keeps when it last signed in (three years after it, the household goes: the
    // demo town's households would go too by then, so that step is not swept here).
    const kept = await db
      .selectFrom('accounts')
      .select('last_signed_in_at')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(new Date(kept.last_signed_in_at as Date).toISOString()).toBe(signedIn.toISOString());
    t.clock.set(pinned);
  });

  it('deletes the documents of a closed request after the configured days, not before', async () => {
    const db = t.deps.db;
    const days = t.deps.config.retention.closedRequestDocumentDays;
    const parent = (await t.login(DEMO.parent)).accessToken;
    const household = await householdOf(DEMO.parent);
    const upload = await uploader(t).upload(FILES.pdf(), { token: parent, name: 'justificatif.pdf' });
    const requestId = await requestWith(household, 'Justificatif joint.', upload.body.id);
    const decided = t.clock.now();
    await db.updateTable('requests').set({ status: 'accepted', decided_at: decided }).where('id', '=', requestId).execute();
    const exists = async () =>
      (await db.selectFrom('attachments').select('id').where('id', '=', upload.body.id).execute()).length;

    t.clock.set(new Date(decided.getTime() + days * DAY - 60_000).toISOString());
    await sweepRetention(t.deps);
    expect(await exists()).toBe(1);
    t.clock.set(new Date(decided.getTime() + days * DAY + 60_000).toISOString());
    expect((await sweepRetention(t.deps)).closedRequestDocuments).toBeGreaterThanOrEqual(1);
    expect(await exists()).toBe(0);
    // The request itself stays (only its documents have served).
    expect(await db.selectFrom('requests').select('id').where('id', '=', requestId).execute()).toHaveLength(1);
    t.clock.set(decided.toISOString());
  });
});
