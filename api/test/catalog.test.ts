import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { parisInstant } from './test-days.js';

const C = '/v1/collectivities/ville-de-demo';
let t: TestApp;
let family: DemoFamily;

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
});
afterAll(() => t.close());

interface Activity {
  id: string;
  code: string;
  priceCents: number;
  [rule: string]: unknown;
}
interface Service {
  name: string;
  kind: string;
  sites: { name: string; activities: Activity[] }[];
}

async function servicesOf(email: string): Promise<Service[]> {
  const { accessToken } = await t.login(email);
  const res = await t.request('GET', `${C}/services`, { token: accessToken });
  expect(res.status).toBe(200);
  return res.body.services;
}

const activitiesOf = (services: Service[]) => services.flatMap((s) => s.sites.flatMap((site) => site.activities));

describe('the services a household can use', () => {
  it("lists services, sites and the activities the household's children are enrolled in", async () => {
    const services = await servicesOf(DEMO.parent);
    expect(services.map((s) => s.kind)).toEqual(['canteen', 'childcare', 'leisure']);
    expect(services[0]?.sites.map((s) => s.name)).toEqual(['École élémentaire Jules Ferry', 'École maternelle Les Tilleuls']);
    expect(activitiesOf(services).map((a) => a.code)).toEqual(
      expect.arrayContaining(['REPAS-FERRY', 'REPAS-TILLEULS', 'GARDERIE-MATIN-FERRY', 'ALSH-JOURNEE']),
    );
  });

  it('prices each activity for the household: quotient 720 pays the second tier', async () => {
    const byCode = new Map(activitiesOf(await servicesOf(DEMO.parent)).map((a) => [a.code, a]));
    expect(byCode.get('REPAS-FERRY')?.priceCents).toBe(220);
    expect(byCode.get('REPAS-TILLEULS')?.priceCents).toBe(220);
    expect(byCode.get('GARDERIE-MATIN-FERRY')?.priceCents).toBe(110);
    expect(byCode.get('ALSH-JOURNEE')?.priceCents).toBe(950);
  });

  it('gives another household its own prices and only its own activities', async () => {
    const activities = activitiesOf(await servicesOf(DEMO.parent2));
    const codes = activities.map((a) => a.code);
    expect(codes).toContain('REPAS-FERRY');
    expect(codes).not.toContain('REPAS-TILLEULS');
    expect(activities.find((a) => a.code === 'REPAS-FERRY')?.priceCents).toBe(340); // quotient 1050
  });

  it('states the rules of each activity: deadlines, payment mode, capacity and holiday sessions', async () => {
    const byCode = new Map(activitiesOf(await servicesOf(DEMO.parent)).map((a) => [a.code, a]));
    expect(byCode.get('REPAS-FERRY')).toMatchObject({
      id: family.activity.canteenFerry,
      name: 'REPAS',
      weekdays: [1, 2, 4, 5],
      paymentMode: 'postpaid',
      capacity: null,
      bookingDeadline: { kind: 'calendar_days', days: 2, time: '10:00' },
      sessions: [],
    });
    const leisure = byCode.get('ALSH-JOURNEE');
    expect(leisure).toMatchObject({
      paymentMode: 'prepaid',
      capacity: 24,
      waitlist: true,
      bookingDeadline: { kind: 'previous_week', weekday: 4, time: '12:00' },
      cancellationDeadline: { kind: 'calendar_days', days: 7, time: '12:00' },
      maxDaysPerChildPerSession: 15,
    });
    const sessions = leisure?.sessions as { from: string; to: string; name: string; opensAt?: string }[];
    expect(sessions.map((s) => s.name)).toContain('Vacances de Noël');
    // Summer registrations open on 1 June at 08:00 in Paris, every summer of the season.
    const summers = sessions.filter((s) => s.to.endsWith('-08-31'));
    expect(summers.length).toBeGreaterThan(0);
    for (const summer of summers) expect(summer.opensAt).toBe(parisInstant(`${summer.to.slice(0, 4)}-06-01`, '08:00'));
  });

  it('requires a parent of the collectivity', async () => {
    expect((await t.request('GET', `${C}/services`)).status).toBe(401);
    const { accessToken } = await t.login(DEMO.agent);
    expect((await t.request('GET', `${C}/services`, { token: accessToken })).status).toBe(403);
  });
});
