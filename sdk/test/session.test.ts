import { FoyerError, type SessionEvents, type TokenStore } from '@foyer/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withAdmin } from '../src/client/admin.js';
import { DEMO, type SdkTestApp, startSdkTestApp } from './api.js';
import { fakeFetch, json } from './fake-fetch.js';

let api: SdkTestApp;
beforeAll(async () => {
  api = await startSdkTestApp();
});
afterAll(() => api.close());
afterEach(() => {
  vi.useRealTimers();
});

const ACCESS_TOKEN_LIFETIME_MS = 600_000;

/** A store the test can look into, as a host-provided store would be. */
function inspectableStore(): TokenStore & { value: string | undefined } {
  const store = {
    value: undefined as string | undefined,
    get: () => store.value,
    set: (token: string) => {
      store.value = token;
    },
    delete: () => {
      store.value = undefined;
    },
  };
  return store;
}

/** Records the session events of a client, in order. */
function recordEvents(client: ReturnType<SdkTestApp['client']>) {
  const events: { type: keyof SessionEvents; event: SessionEvents[keyof SessionEvents] }[] = [];
  for (const type of ['signedIn', 'refreshed', 'signedOut'] as const) {
    client.on(type, (event) => events.push({ type, event }));
  }
  return events;
}

describe('signing in', () => {
  it('signs in with a password and reads the account with the access token', async () => {
    const client = api.client();
    const events = recordEvents(client);
    expect(client.auth.signedIn).toBe(false);
    await client.auth.login({ email: DEMO.parent, password: DEMO.password });
    expect(client.auth.signedIn).toBe(true);
    expect(events).toEqual([{ type: 'signedIn', event: { via: 'login', expiresAt: expect.any(Date) } }]);
    const me = await client.me.get();
    expect(me.account.email).toBe(DEMO.parent);
    expect(me.memberships).toContainEqual(
      expect.objectContaining({ kind: 'parent', collectivity: expect.objectContaining({ slug: 'ville-de-demo' }) }),
    );
  });

  it('answers a wrong password with a typed error and starts no session', async () => {
    const client = api.client();
    const error = await client.auth.login({ email: DEMO.parent, password: 'not-the-password' }).catch((e) => e);
    expect(error).toBeInstanceOf(FoyerError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(client.auth.signedIn).toBe(false);
  });

  it('activates an invitation sent by an agent and signs the new parent in', async () => {
    const agent = api.client();
    await agent.auth.login({ email: DEMO.agent, password: DEMO.password });
    const created = await withAdmin(agent).admin.households.create({
      name: 'Famille Moreau',
      guardian: { firstName: 'Léa', lastName: 'Moreau', email: 'lea.moreau@example.org' },
      children: [{ firstName: 'Jules', lastName: 'Moreau', birthDate: '2019-05-02' }],
    });
    expect(created.household.name).toBe('Famille Moreau');
    await api.t.deliverEmails();
    const link = api.t.mailbox.latestTo('lea.moreau@example.org')?.text.match(/https?:\/\/\S+/)?.[0];
    // The token travels in the fragment, which the town's server never receives.
    const token = new URLSearchParams(new URL(link ?? 'http://missing').hash.slice(1)).get('foyer-invitation') ?? '';

    const parent = api.client();
    const events = recordEvents(parent);
    const invitation = await parent.auth.getInvitation(token);
    expect(invitation).toMatchObject({
      email: 'lea.moreau@example.org',
      accountExists: false,
      household: { name: 'Famille Moreau' },
    });
    await parent.auth.activate({ token, password: 'les jonquilles du jardin' });
    expect(events.map((e) => e.event)).toEqual([{ via: 'activate', expiresAt: expect.any(Date) }]);
    const { children } = await parent.children.list();
    expect(children.map((child) => child.firstName)).toEqual(['Jules']);
  });
});

describe('renewing the access token', () => {
  it('renews an expired access token with ONE refresh request for ten parallel calls', async () => {
    const client = api.client();
    const events = recordEvents(client);
    await client.auth.login({ email: DEMO.parent, password: DEMO.password });
    api.t.clock.advance(ACCESS_TOKEN_LIFETIME_MS + 60_000);
    const before = { refresh: api.count('POST', '/v1/auth/refresh'), me: api.count('GET', '/v1/me') };

    const answers = await Promise.all(Array.from({ length: 10 }, () => client.me.get()));

    expect(answers.map((me) => me.account.email)).toEqual(Array(10).fill(DEMO.parent));
    expect(api.count('POST', '/v1/auth/refresh') - before.refresh).toBe(1);
    // Each call was refused once (token_expired) and sent again once with the new token.
    expect(api.count('GET', '/v1/me') - before.me).toBe(20);
    expect(events.map((e) => e.type)).toEqual(['signedIn', 'refreshed']);
  });

  it('renews shortly before expiry, so no call is refused', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const client = api.client();
    await client.auth.login({ email: DEMO.parent, password: DEMO.password });
    // 10 s before expiry on both clocks: still valid for the API, too close for the client.
    vi.setSystemTime(Date.now() + ACCESS_TOKEN_LIFETIME_MS - 10_000);
    api.t.clock.advance(ACCESS_TOKEN_LIFETIME_MS - 10_000);
    const before = { refresh: api.count('POST', '/v1/auth/refresh'), me: api.count('GET', '/v1/me') };

    await Promise.all([client.me.get(), client.household.get(), client.children.list()]);

    expect(api.count('POST', '/v1/auth/refresh') - before.refresh).toBe(1);
    expect(api.count('GET', '/v1/me') - before.me).toBe(1);
  });

  it('signs out when a copy of the refresh token was used elsewhere', async () => {
    const store = inspectableStore();
    const client = api.client({ storage: store });
    const events = recordEvents(client);
    await client.auth.login({ email: DEMO.parent2, password: DEMO.password });
    // Someone else spends the refresh token first (a stolen copy).
    const thief = await api.t.request('POST', '/v1/auth/refresh', { body: { refreshToken: store.value } });
    expect(thief.status).toBe(200);
    api.t.clock.advance(ACCESS_TOKEN_LIFETIME_MS + 60_000);

    const error = await client.me.get().catch((e) => e);

    expect(error).toBeInstanceOf(FoyerError);
    expect(error).toMatchObject({ status: 401, code: 'refresh_token_reused' });
    expect(events.at(-1)).toEqual({
      type: 'signedOut',
      event: { reason: 'refresh_refused', error: expect.objectContaining({ code: 'refresh_token_reused' }) },
    });
    expect(client.auth.signedIn).toBe(false);
    expect(store.value).toBeUndefined();
    // The chain is revoked for the thief too.
    const replay = await api.t.request('POST', '/v1/auth/refresh', { body: { refreshToken: thief.body.refreshToken } });
    expect(replay.status).toBe(401);
  });

  it('keeps the session when the refresh request cannot reach the API', async () => {
    const session = {
      tokenType: 'Bearer',
      accessToken: 'a1',
      expiresIn: 600,
      refreshToken: 'r1',
      refreshExpiresAt: '2026-11-27T19:00:00Z',
    };
    const expired = { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'token_expired', detail: 'expired' };
    const fetch = fakeFetch(json(200, session), json(401, expired), new TypeError('fetch failed'));
    const client = api.client({ fetch, maxRetries: 0 });
    const events = recordEvents(client);
    await client.auth.login({ email: DEMO.parent, password: DEMO.password });

    await expect(client.me.get()).rejects.toMatchObject({ code: 'network_error' });

    expect(client.auth.signedIn).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['signedIn']);
  });

  it('does not try to renew when no one is signed in', async () => {
    const client = api.client();
    const before = api.count('POST', '/v1/auth/refresh');
    await expect(client.me.get()).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(api.count('POST', '/v1/auth/refresh')).toBe(before);
  });
});

describe('resuming and ending a session', () => {
  it('resumes from the stored refresh token, as after a page reload', async () => {
    const store = inspectableStore();
    const firstPage = api.client({ storage: store });
    await firstPage.auth.login({ email: DEMO.parent, password: DEMO.password });

    const reloaded = api.client({ storage: store });
    const events = recordEvents(reloaded);
    expect(await reloaded.auth.resume()).toBe(true);

    expect(events).toEqual([{ type: 'signedIn', event: { via: 'resume', expiresAt: expect.any(Date) } }]);
    expect((await reloaded.me.get()).account.email).toBe(DEMO.parent);
    expect(await reloaded.auth.resume()).toBe(true);
  });

  it('does not resume without a stored token, nor with a revoked one', async () => {
    expect(await api.client().auth.resume()).toBe(false);

    const store = inspectableStore();
    const client = api.client({ storage: store });
    await client.auth.login({ email: DEMO.parent, password: DEMO.password });
    const copy = store.value;
    await client.auth.logout();
    store.value = copy;
    const reloaded = api.client({ storage: store });
    const events = recordEvents(reloaded);
    expect(await reloaded.auth.resume()).toBe(false);
    expect(events).toEqual([{ type: 'signedOut', event: { reason: 'refresh_refused', error: expect.any(FoyerError) } }]);
    expect(store.value).toBeUndefined();
  });

  it('signs out at once and revokes the sign-in on the API', async () => {
    const store = inspectableStore();
    const client = api.client({ storage: store });
    const events = recordEvents(client);
    await client.auth.login({ email: DEMO.parent, password: DEMO.password });
    const refreshToken = store.value;

    await client.auth.logout();

    expect(events.at(-1)).toEqual({ type: 'signedOut', event: { reason: 'logout' } });
    expect(client.auth.signedIn).toBe(false);
    expect(store.value).toBeUndefined();
    expect((await api.t.request('POST', '/v1/auth/refresh', { body: { refreshToken } })).status).toBe(401);
    await expect(client.me.get()).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('signs out after a password change, which ends every sign-in of the account', async () => {
    const client = api.client();
    const events = recordEvents(client);
    await client.auth.login({ email: DEMO.parent2, password: DEMO.password });
    await client.auth.changePassword({ currentPassword: DEMO.password, newPassword: 'un tout autre mot de passe' });
    expect(events.at(-1)).toEqual({ type: 'signedOut', event: { reason: 'password_changed' } });
    await client.auth.login({ email: DEMO.parent2, password: 'un tout autre mot de passe' });
    await client.auth.changePassword({ currentPassword: 'un tout autre mot de passe', newPassword: DEMO.password });
  });
});
