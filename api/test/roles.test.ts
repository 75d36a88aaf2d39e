import { AGENT_ROLES, type AgentRole } from '@foyer/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/app.js';
import { agentWithRole } from './agent-builders.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

// The access matrix is generated from the contract: every route of the back office declares
// the roles it admits, so a new route is covered here without writing a test for it.

let t: TestApp;
const tokens = new Map<AgentRole | 'parent', string>();
beforeAll(async () => {
  t = await startTestApp();
  for (const role of AGENT_ROLES) tokens.set(role, (await agentWithRole(t, role)).token);
  tokens.set('parent', (await t.login(DEMO.parent)).accessToken);
});
afterAll(() => t.close());

const SOME_ID = '00000000-0000-4000-8000-000000000000';
const adminRoutes = () => apiRoutes(t.deps).filter((r) => r.endpoint.path.includes('/admin/'));
const pathOf = (path: string) => path.replace(':c', 'ville-de-demo').replace(/:[A-Za-z]+/g, SOME_ID);

async function call(method: string, path: string, token: string) {
  const body = method === 'GET' || method === 'DELETE' ? undefined : {};
  return t.request(method, pathOf(path), { token, ...(body ? { body } : {}) });
}

describe('agent roles', () => {
  it('declares the admitted roles on every route of the back office', () => {
    const undeclared = adminRoutes()
      .filter((r) => !r.endpoint.roles || r.endpoint.roles.length === 0)
      .map((r) => `${r.endpoint.method} ${r.endpoint.path}`);
    expect(undeclared).toEqual([]);
    expect(adminRoutes().length).toBeGreaterThan(35);
  });

  it('answers 403 to every role a route does not admit, and lets the others past the door', async () => {
    const wrong: string[] = [];
    for (const r of adminRoutes()) {
      for (const role of AGENT_ROLES) {
        const admitted = r.endpoint.roles?.includes(role) ?? false;
        const res = await call(r.endpoint.method, r.endpoint.path, tokens.get(role) ?? '');
        if (admitted === (res.status === 403)) wrong.push(`${role} ${r.endpoint.method} ${r.endpoint.path} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to a parent on every route of the back office', async () => {
    const wrong: string[] = [];
    for (const r of adminRoutes()) {
      const res = await call(r.endpoint.method, r.endpoint.path, tokens.get('parent') ?? '');
      if (res.status !== 403) wrong.push(`${r.endpoint.method} ${r.endpoint.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to an admin of another collectivity', async () => {
    const other = await agentWithRole(t, 'admin', { slug: 'saint-exemple' });
    const res = await t.request('GET', '/v1/collectivities/ville-de-demo/admin/services', { token: other.token });
    expect(res.status).toBe(403);
  });
});
