import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/domain/index.js';
import { activityForm } from './admin-test-support.js';
import { agentWithRole } from './agent-builders.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_TODAY } from './test-database.js';

const A = '/v1/collectivities/ville-de-demo/admin';
let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.login(DEMO.agent)).accessToken;
});
afterAll(() => t.close());

describe('the catalog of the back office', () => {
  it('creates a service, a site and an activity, and lists them', async () => {
    const service = await t.request('POST', `${A}/services`, { token: admin, body: { name: 'Cantine', kind: 'canteen' } });
    expect(service.status).toBe(201);
    const site = await t.request('POST', `${A}/sites`, {
      token: admin,
      body: { name: 'École Pasteur', kind: 'school', address: { line1: '1 rue Pasteur', postalCode: '69100', city: 'Démo' } },
    });
    expect(site.status).toBe(201);
    const activity = await t.request('POST', `${A}/activities`, {
      token: admin,
      body: { ...activityForm(service.body.id, site.body.id), walkInSurchargeCents: 450 },
    });
    expect(activity.status).toBe(201);
    expect(activity.body).toMatchObject({
      weekdays: [1, 2, 3, 4, 5],
      pricing: { nonResidentAmountCents: 610 },
      walkInSurchargeCents: 450,
      archived: false,
    });
    // The walk-in price can be taken away: the day of a child who came unbooked is then not billed.
    const changed = await t.request('PATCH', `${A}/activities/${activity.body.id}`, {
      token: admin,
      body: { walkInSurchargeCents: null },
    });
    expect(changed.body.walkInSurchargeCents).toBeNull();
    const listed = await t.request('GET', `${A}/activities?service=${service.body.id}`, { token: admin });
    expect(listed.body.activities.map((a: { id: string }) => a.id)).toEqual([activity.body.id]);
  });

  it('names the field in French when a form is wrong', async () => {
    const services = await t.request('GET', `${A}/services`, { token: admin });
    const sites = await t.request('GET', `${A}/sites`, { token: admin });
    const [serviceId, siteId] = [services.body.services[0].id, sites.body.sites[0].id];
    const noName = await t.request('POST', `${A}/services`, { token: admin, body: { name: ' ', kind: 'canteen' } });
    expect(noName.status).toBe(400);
    expect(noName.body.errors).toEqual([{ path: 'body.name', message: 'le nom du service est obligatoire' }]);
    const season = await t.request('POST', `${A}/activities`, {
      token: admin,
      body: activityForm(serviceId, siteId, { seasonFrom: addDays(TEST_TODAY, 400) }),
    });
    expect(season.status).toBe(400);
    expect(season.body.errors).toEqual([{ path: 'body.seasonTo', message: 'la fin de saison doit suivre le début de saison' }]);
    const tiers = await t.request('POST', `${A}/activities`, {
      token: admin,
      body: activityForm(serviceId, siteId, { pricing: { tiers: [{ maxQuotient: 600, amountCents: 150 }] } }),
    });
    expect(tiers.status).toBe(400);
    expect(tiers.body.errors[0].path).toBe('body.pricing.tiers');
    const unknownSite = await t.request('POST', `${A}/activities`, {
      token: admin,
      body: activityForm(serviceId, '00000000-0000-4000-8000-000000000000'),
    });
    expect(unknownSite.body.errors).toEqual([{ path: 'body.siteId', message: 'le site est inconnu' }]);
  });

  it('keeps an activity’s daily times, both or neither, the end after the start', async () => {
    const services = await t.request('GET', `${A}/services`, { token: admin });
    const sites = await t.request('GET', `${A}/sites`, { token: admin });
    const form = (times: Record<string, unknown>) => activityForm(services.body.services[0].id, sites.body.sites[0].id, times);
    const created = await t.request('POST', `${A}/activities`, {
      token: admin,
      body: form({ startsAt: '16:45', endsAt: '18:00' }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ startsAt: '16:45', endsAt: '18:00' });
    const read = await t.request('GET', `${A}/activities/${created.body.id}`, { token: admin });
    expect(read.body).toMatchObject({ startsAt: '16:45', endsAt: '18:00' });

    // A patch is checked against the times the activity keeps.
    const before = await t.request('PATCH', `${A}/activities/${created.body.id}`, { token: admin, body: { endsAt: '16:00' } });
    expect(before.status).toBe(400);
    expect(before.body.errors).toEqual([{ path: 'body.endsAt', message: "l'heure de fin doit suivre l'heure de début" }]);
    const alone = await t.request('PATCH', `${A}/activities/${created.body.id}`, { token: admin, body: { startsAt: null } });
    expect(alone.status).toBe(400);
    expect(alone.body.errors).toEqual([
      { path: 'body.startsAt', message: "l'heure de début est obligatoire avec l'heure de fin" },
    ]);
    const cleared = await t.request('PATCH', `${A}/activities/${created.body.id}`, {
      token: admin,
      body: { startsAt: null, endsAt: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ startsAt: null, endsAt: null });

    const noEnd = await t.request('POST', `${A}/activities`, { token: admin, body: form({ startsAt: '08:00' }) });
    expect(noEnd.status).toBe(400);
    expect(noEnd.body.errors).toEqual([{ path: 'body.endsAt', message: "l'heure de fin est obligatoire avec l'heure de début" }]);
    const same = await t.request('POST', `${A}/activities`, {
      token: admin,
      body: form({ startsAt: '08:00', endsAt: '08:00' }),
    });
    expect(same.status).toBe(400);
    expect(same.body.errors[0].path).toBe('body.endsAt');
    const malformed = await t.request('POST', `${A}/activities`, {
      token: admin,
      body: form({ startsAt: '8h', endsAt: '24:00' }),
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([
      { path: 'body.startsAt', message: "l'heure de début doit être une heure HH:MM" },
      { path: 'body.endsAt', message: "l'heure de fin doit être une heure HH:MM" },
    ]);
  });

  it('archives instead of deleting, and shows archived rows only when asked', async () => {
    const service = await t.request('POST', `${A}/services`, { token: admin, body: { name: 'Études', kind: 'childcare' } });
    const archived = await t.request('PATCH', `${A}/services/${service.body.id}`, { token: admin, body: { archived: true } });
    expect(archived.body.archived).toBe(true);
    const active = await t.request('GET', `${A}/services`, { token: admin });
    expect(active.body.services.map((s: { id: string }) => s.id)).not.toContain(service.body.id);
    const all = await t.request('GET', `${A}/services?includeArchived=true`, { token: admin });
    expect(all.body.services.map((s: { id: string }) => s.id)).toContain(service.body.id);
  });

  it('lets an agent read the catalog but not change it', async () => {
    const agent = await agentWithRole(t, 'agent');
    expect((await t.request('GET', `${A}/activities`, { token: agent.token })).status).toBe(200);
    const refused = await t.request('POST', `${A}/services`, { token: agent.token, body: { name: 'X', kind: 'other' } });
    expect(refused.status).toBe(403);
  });

  it('adds, changes and removes a closure', async () => {
    const created = await t.request('POST', `${A}/closures`, {
      token: admin,
      body: { from: '2026-12-07', to: '2026-12-08', reason: 'Travaux' },
    });
    expect(created.status).toBe(201);
    const backwards = await t.request('PATCH', `${A}/closures/${created.body.id}`, { token: admin, body: { to: '2026-12-01' } });
    expect(backwards.body.errors).toEqual([{ path: 'body.to', message: 'le dernier jour de fermeture doit suivre le premier' }]);
    const listed = await t.request('GET', `${A}/closures?from=2026-12-01&to=2026-12-31`, { token: admin });
    expect(listed.body.closures).toContainEqual(expect.objectContaining({ id: created.body.id, reason: 'Travaux' }));
    const unknownSite = await t.request('PATCH', `${A}/closures/${created.body.id}`, {
      token: admin,
      body: { siteId: crypto.randomUUID() },
    });
    expect(unknownSite.status).toBe(400);
    expect(unknownSite.body.errors).toEqual([{ path: 'body.siteId', message: 'le site est inconnu' }]);
    const widened = await t.request('PATCH', `${A}/closures/${created.body.id}`, {
      token: admin,
      body: { siteId: null, activityId: null, to: '2026-12-09', reason: 'Travaux de toiture' },
    });
    expect(widened.body).toMatchObject({ siteId: null, activityId: null, from: '2026-12-07', to: '2026-12-09' });
    expect((await t.request('DELETE', `${A}/closures/${created.body.id}`, { token: admin })).status).toBe(204);
    const again = await t.request('DELETE', `${A}/closures/${created.body.id}`, { token: admin });
    expect(again.status).toBe(404);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
  });
});
