import { FoyerError } from '@foyer/sdk';
import { createAdminClient, fileToBase64 } from '@foyer/sdk/admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../api/src/domain/index.js';
import { TEST_TODAY } from '../../api/test/test-database.js';
import { DEMO, type SdkTestApp, startSdkTestApp } from './api.js';

// The back office through the SDK, against the real API on the seeded database.

let api: SdkTestApp;
const adminClient = () =>
  createAdminClient({ baseUrl: 'http://foyer.test', collectivity: DEMO.collectivities.demo, fetch: api.fetch });
let admin: ReturnType<typeof createAdminClient>;

beforeAll(async () => {
  api = await startSdkTestApp();
  admin = adminClient();
  await admin.auth.login({ email: DEMO.agent, password: DEMO.password });
});
afterAll(() => api.close());

describe('the admin namespaces of the SDK', () => {
  it('builds a catalog, a household and an enrolment', async () => {
    const service = await admin.admin.services.create({ name: 'Garderie', kind: 'childcare' });
    const site = await admin.admin.sites.create({ name: 'École Curie', kind: 'school' });
    const activity = await admin.admin.activities.create({
      serviceId: service.id,
      siteId: site.id,
      code: 'GARD-CURIE',
      name: 'Garderie du soir — école Curie',
      weekdays: [1, 2, 4, 5],
      seasonFrom: addDays(TEST_TODAY, -10),
      seasonTo: addDays(TEST_TODAY, 200),
      bookingDeadline: { kind: 'none' },
      cancellationDeadline: { kind: 'none' },
      paymentMode: 'postpaid',
      pricing: { tiers: [{ maxQuotient: null, amountCents: 250 }] },
    });
    expect((await admin.admin.activities.get(activity.id)).code).toBe('GARD-CURIE');
    const closure = await admin.admin.closures.create({
      activityId: activity.id,
      from: TEST_TODAY,
      to: TEST_TODAY,
      reason: 'Formation',
    });
    await admin.admin.closures.remove(closure.id);

    const created = await admin.admin.households.create({
      name: 'Famille Perrin',
      guardian: { firstName: 'Claire', lastName: 'Perrin', email: 'claire.perrin@example.org' },
      children: [{ firstName: 'Noé', lastName: 'Perrin', birthDate: '2019-02-02' }],
    });
    const childId = created.children[0]?.id ?? '';
    const enrolment = await admin.admin.enrolments.create({
      childId,
      activityId: activity.id,
      from: TEST_TODAY,
      to: addDays(TEST_TODAY, 100),
    });
    expect(enrolment.activity.code).toBe('GARD-CURIE');
    const file = await admin.admin.households.setQuotient(created.household.id, { quotient: 700, appliesFrom: TEST_TODAY });
    expect(file.familyQuotient).toBe(700);
    const guardian = await admin.admin.households.guardians.create(created.household.id, {
      firstName: 'Yann',
      lastName: 'Perrin',
    });
    expect(guardian.account).toBe('none');
  });

  it('pages through households as an async iterator', async () => {
    const names: string[] = [];
    for await (const household of admin.admin.households.list({ sort: 'name', limit: '2' })) names.push(household.name);
    expect(names.length).toBeGreaterThan(3);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('imports a file sent as base64 and reads its progress', async () => {
    const file = new Blob(['id_famille;nom_foyer;responsable_prenom;responsable_nom\nSDK-1;Famille Roux;Éric;Roux\n']);
    const job = await admin.admin.imports.create({ content: await fileToBase64(file), dryRun: true });
    let current = job;
    while (current.status === 'running') current = await admin.admin.imports.get(job.id);
    expect(current.report).toMatchObject({ families: 1, created: 1, errors: [] });
  });

  it('refuses a role the endpoint does not admit', async () => {
    const kitchen = adminClient();
    await kitchen.auth.login({ email: DEMO.kitchen, password: DEMO.password });
    const refused = await kitchen.admin.agents.list().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FoyerError);
    expect(refused).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await admin.admin.agents.list()).agents.map((a) => a.role)).toContain('kitchen');
  });
});
