import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatIban } from '../src/domain/index.js';
import { agentWithRole } from './agent-builders.js';
import { saintExempleAgent } from './builders.js';
import { C, mandateForm, newHousehold } from './direct-debit-support.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_TODAY } from './test-database.js';

let t: TestApp;
let collectivityId: string;
let admin: { accountId: string; token: string };
let agent: { accountId: string; token: string };
let kitchen: { token: string };
let parent: string;

beforeAll(async () => {
  t = await startTestApp();
  collectivityId = (
    await t.deps.db.selectFrom('collectivities').select('id').where('slug', '=', 'ville-de-demo').executeTakeFirstOrThrow()
  ).id;
  admin = await agentWithRole(t, 'admin');
  agent = await agentWithRole(t, 'agent');
  kitchen = await agentWithRole(t, 'kitchen');
  parent = (await t.login(DEMO.parent)).accessToken;
});
afterAll(() => t.close());

const mandateUrl = (householdId: string) => `${C}/admin/households/${householdId}/mandate`;
const mandatesOf = (householdId: string) =>
  t.deps.db.selectFrom('sepa_mandates').selectAll().where('household_id', '=', householdId).execute();

describe('a household’s SEPA mandate', () => {
  it('is recorded by an agent from the IBAN as typed, and shown masked', async () => {
    const householdId = await newHousehold(t, collectivityId);
    const form = mandateForm({ bic: 'agri frpp 882' });
    const typed = formatIban(form.iban).toLowerCase();
    const res = await t.request('POST', mandateUrl(householdId), { token: agent.token, body: { ...form, iban: typed } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      reference: form.reference,
      accountHolder: 'Bérénice Lœuvre',
      bic: 'AGRIFRPP882',
      signedOn: form.signedOn,
      revokedAt: null,
      ibanRevealed: false,
      collections: 0,
    });
    expect(res.body.iban).toBe(`${form.iban.slice(0, 4)} •••• •••• •••• •••• •••• ${form.iban.slice(-3)}`);
    const [stored] = await mandatesOf(householdId);
    expect(stored?.iban).toBe(form.iban);

    const read = await t.request('GET', mandateUrl(householdId), { token: agent.token });
    expect(read.body.mandate.iban).not.toContain(form.iban.slice(4, 12));
    expect(read.body.revoked).toEqual([]);
  });

  it('shows the whole IBAN only when asked, and the audit log says who read it (without the IBAN)', async () => {
    const householdId = await newHousehold(t, collectivityId);
    const form = mandateForm();
    await t.request('POST', mandateUrl(householdId), { token: admin.token, body: form });
    const res = await t.request('GET', `${mandateUrl(householdId)}?reveal=true`, { token: agent.token });
    expect(res.status).toBe(200);
    expect(res.body.mandate.iban).toBe(formatIban(form.iban));
    expect(res.body.mandate.ibanRevealed).toBe(true);
    const reads = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_account_id', 'details'])
      .where('action', '=', 'mandate.iban_read')
      .where('object_id', '=', householdId)
      .execute();
    expect(reads).toHaveLength(1);
    expect(reads[0]?.actor_account_id).toBe(agent.accountId);
    const everything = await t.deps.db.selectFrom('audit_log').select('details').where('object_id', '=', householdId).execute();
    expect(JSON.stringify(everything)).not.toContain(form.iban.slice(4));
  });

  it('refuses a mistyped IBAN with a French message naming the field, and writes nothing', async () => {
    const householdId = await newHousehold(t, collectivityId);
    const form = mandateForm();
    const last = form.iban.at(-1) === '0' ? '1' : '0';
    const res = await t.request('POST', mandateUrl(householdId), {
      token: agent.token,
      body: { ...form, iban: `${form.iban.slice(0, -1)}${last}` },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual([{ path: 'body.iban', message: expect.stringContaining('clé de contrôle') }]);
    const outside = await t.request('POST', mandateUrl(householdId), {
      token: agent.token,
      body: { ...form, iban: 'US64SVBKUS6S3300958879' },
    });
    expect(outside.body.errors[0].message).toContain('zone SEPA');
    const badReference = await t.request('POST', mandateUrl(householdId), {
      token: agent.token,
      body: { ...form, reference: 'RUM_é' },
    });
    expect(badReference.body.errors[0]).toMatchObject({ path: 'body.reference', message: expect.stringContaining('RUM') });
    const future = await t.request('POST', mandateUrl(householdId), {
      token: agent.token,
      body: { ...form, signedOn: addDays(TEST_TODAY, 1) },
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('body.signedOn');
    expect(await mandatesOf(householdId)).toEqual([]);
  });

  it('is one in force at a time: revoked, it gives way to a new one and stays in the history', async () => {
    const householdId = await newHousehold(t, collectivityId);
    const first = mandateForm();
    expect((await t.request('POST', mandateUrl(householdId), { token: agent.token, body: first })).status).toBe(201);
    const second = await t.request('POST', mandateUrl(householdId), { token: agent.token, body: mandateForm() });
    expect(second.status).toBe(409);
    expect(second.body.detail).toContain('révoquez');

    const revoked = await t.request('DELETE', mandateUrl(householdId), { token: agent.token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBe(t.clock.now().toISOString());
    expect((await t.request('DELETE', mandateUrl(householdId), { token: agent.token })).status).toBe(404);

    const next = mandateForm();
    expect((await t.request('POST', mandateUrl(householdId), { token: agent.token, body: next })).status).toBe(201);
    const read = await t.request('GET', mandateUrl(householdId), { token: agent.token });
    expect(read.body.mandate.reference).toBe(next.reference);
    expect(read.body.revoked.map((m: { reference: string }) => m.reference)).toEqual([first.reference]);
  });

  it('refuses a mandate reference another mandate of the town already has', async () => {
    const form = mandateForm();
    await t.request('POST', mandateUrl(await newHousehold(t, collectivityId)), { token: agent.token, body: form });
    const other = await newHousehold(t, collectivityId);
    const res = await t.request('POST', mandateUrl(other), {
      token: agent.token,
      body: mandateForm({ reference: form.reference }),
    });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].path).toBe('body.reference');
    expect(await mandatesOf(other)).toEqual([]);
  });

  it('cannot be read by a parent, a kitchen agent or another town’s agent', async () => {
    const householdId = await newHousehold(t, collectivityId);
    await t.request('POST', mandateUrl(householdId), { token: agent.token, body: mandateForm() });
    for (const token of [parent, kitchen.token, await saintExempleAgent(t)]) {
      const res = await t.request('GET', `${mandateUrl(householdId)}?reveal=true`, { token });
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('FR');
    }
    const elsewhere = await t.request('GET', mandateUrl(crypto.randomUUID()), { token: agent.token });
    expect(elsewhere.status).toBe(404);
  });
});

describe('the town’s creditor settings', () => {
  it('are set by an admin, with a checked creditor identifier; an agent may not', async () => {
    const body = { name: 'Régie de la Ville de Démo', iban: 'FR76 3000 6000 0112 3456 7890 189', identifier: 'fr72zzz123456' };
    expect((await t.request('PUT', `${C}/admin/direct-debits/creditor`, { token: agent.token, body })).status).toBe(403);
    const wrong = await t.request('PUT', `${C}/admin/direct-debits/creditor`, {
      token: admin.token,
      body: { ...body, identifier: 'FR12ZZZ123456' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ path: 'body.identifier', message: expect.stringContaining('ICS') });
    const res = await t.request('PUT', `${C}/admin/direct-debits/creditor`, { token: admin.token, body });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'Régie de la Ville de Démo',
      iban: 'FR7630006000011234567890189',
      bic: null,
      identifier: 'FR72ZZZ123456',
    });
    expect((await t.request('GET', `${C}/admin/direct-debits/creditor`, { token: admin.token })).body).toEqual(res.body);
  });
});
