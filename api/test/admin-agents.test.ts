import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from './admin-test-support.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.login(DEMO.agent)).accessToken;
});
afterAll(() => t.close());

async function resetTokenFor(email: string): Promise<string> {
  await t.deliverEmails();
  const mail = t.mailbox.latestTo(email);
  expect(mail?.subject).toContain("Accès à l'espace agents");
  const link = new URL(mail?.text.match(/https?:\/\/\S+/)?.[0] ?? '');
  expect(link.pathname).toBe('/admin/');
  return new URLSearchParams(link.hash.slice(1)).get('foyer-reset') ?? '';
}

describe('agents of the back office', () => {
  it('invites a new agent, who chooses a password from the email and signs in with the role', async () => {
    const invited = await t.request('POST', `${ADMIN}/agents`, {
      token: admin,
      body: { email: 'Chef.Cuisine@example.org', role: 'kitchen', displayName: 'Chef Cuisine' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email: 'chef.cuisine@example.org', role: 'kitchen', status: 'invited' });
    const token = await resetTokenFor('chef.cuisine@example.org');
    const set = await t.request('POST', '/v1/auth/password-reset/confirm', {
      body: { token, password: 'la soupe du jour est prête' },
    });
    expect(set.status).toBe(204);
    const kitchen = (await t.login('chef.cuisine@example.org', 'la soupe du jour est prête')).accessToken;
    const me = await t.request('GET', '/v1/me', { token: kitchen });
    expect(me.body.memberships).toContainEqual({
      kind: 'agent',
      collectivity: { slug: 'ville-de-demo', name: 'Ville de Démo' },
      role: 'kitchen',
    });
    expect((await t.request('GET', `${ADMIN}/services`, { token: kitchen })).status).toBe(403);
    const listed = await t.request('GET', `${ADMIN}/agents`, { token: admin });
    expect(listed.body.agents).toContainEqual(expect.objectContaining({ email: 'chef.cuisine@example.org', status: 'active' }));
  });

  it('gives an existing account the role at once, and refuses a second invitation', async () => {
    const invited = await t.request('POST', `${ADMIN}/agents`, { token: admin, body: { email: DEMO.parent2, role: 'animator' } });
    expect(invited.body).toMatchObject({ role: 'animator', status: 'active', invitationExpiresAt: null });
    const again = await t.request('POST', `${ADMIN}/agents`, { token: admin, body: { email: DEMO.parent2, role: 'agent' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_agent');
    const promoted = await t.request('PATCH', `${ADMIN}/agents/${invited.body.id}`, { token: admin, body: { role: 'agent' } });
    expect(promoted.body.role).toBe('agent');
    expect((await t.request('DELETE', `${ADMIN}/agents/${invited.body.id}`, { token: admin })).status).toBe(204);
  });

  it('keeps at least one admin, and names a wrong role in French', async () => {
    const listed = await t.request('GET', `${ADMIN}/agents`, { token: admin });
    const admins = listed.body.agents.filter((a: { role: string }) => a.role === 'admin');
    expect(admins).toHaveLength(1);
    const demoted = await t.request('PATCH', `${ADMIN}/agents/${admins[0].id}`, { token: admin, body: { role: 'agent' } });
    expect(demoted.status).toBe(409);
    expect(demoted.body.code).toBe('last_admin');
    const wrong = await t.request('POST', `${ADMIN}/agents`, { token: admin, body: { email: 'x@example.org', role: 'chef' } });
    expect(wrong.body.errors[0]).toEqual({ path: 'body.role', message: 'le rôle doit être admin, agent, kitchen ou animator' });
  });
});
