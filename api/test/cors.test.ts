import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.deps.db
    .updateTable('collectivities')
    .set({ embedding_origins: ['https://www.ville-de-demo.fr'] })
    .where('slug', '=', 'ville-de-demo')
    .execute();
  await t.deps.db
    .updateTable('collectivities')
    .set({ embedding_origins: ['https://saint-exemple.fr'] })
    .where('slug', '=', 'saint-exemple')
    .execute();
});
afterAll(() => t.close());

const preflight = (path: string, origin: string) =>
  t.request('OPTIONS', path, {
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

describe('CORS', () => {
  it("answers a collectivity's registered origin on its routes", async () => {
    const res = await t.request('GET', '/v1/collectivities/ville-de-demo', {
      headers: { origin: 'https://www.ville-de-demo.fr' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://www.ville-de-demo.fr');
    const pre = await preflight('/v1/collectivities/ville-de-demo/cart/checkout', 'https://www.ville-de-demo.fr');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
  });

  it("does not answer another town's origin on a collectivity's routes", async () => {
    const res = await t.request('GET', '/v1/collectivities/ville-de-demo', { headers: { origin: 'https://saint-exemple.fr' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await preflight('/v1/collectivities/ville-de-demo/household', 'https://saint-exemple.fr');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers any registered origin on the shared auth routes, and no stranger', async () => {
    const ok = await preflight('/v1/auth/login', 'https://saint-exemple.fr');
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://saint-exemple.fr');
    const stranger = await preflight('/v1/auth/login', 'https://evil.example');
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("answers any registered origin on the list of towns and a parent's join requests, not on the agents' side", async () => {
    const towns = await t.request('GET', '/v1/collectivities', { headers: { origin: 'https://saint-exemple.fr' } });
    expect(towns.headers.get('access-control-allow-origin')).toBe('https://saint-exemple.fr');
    const ask = await preflight('/v1/collectivities/ville-de-demo/join-requests', 'https://saint-exemple.fr');
    expect(ask.headers.get('access-control-allow-origin')).toBe('https://saint-exemple.fr');
    const stranger = await preflight('/v1/collectivities/ville-de-demo/join-requests', 'https://evil.example');
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const agents = await preflight('/v1/collectivities/ville-de-demo/admin/join-requests/x/accept', 'https://saint-exemple.fr');
    expect(agents.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("always answers the API's own origin (the demo site)", async () => {
    const res = await preflight('/v1/auth/login', 'http://localhost:8787');
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:8787');
  });
});
