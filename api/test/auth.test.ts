import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('returns an access token that any JOSE library verifies against the published JWKS', async () => {
    const session = await t.login(DEMO.parent);
    const jwks = await t.request('GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.body.keys[0]).not.toHaveProperty('d');
    const { payload, protectedHeader } = await jwtVerify(session.accessToken, createLocalJWKSet(jwks.body), {
      algorithms: ['ES256'],
      currentDate: t.clock.now(),
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(protectedHeader.kid).toBe(jwks.body.keys[0].kid);
    expect(payload.exp! - payload.iat!).toBe(600);
    const me = await t.request('GET', '/v1/me', { token: session.accessToken });
    expect(me.body.account.email).toBe(DEMO.parent);
    expect(payload.sub).toBe(me.body.account.id);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await t.request('POST', '/v1/auth/login', {
      body: { email: 'nobody@example.org', password: 'whatever-123' },
    });
    const wrong = await t.request('POST', '/v1/auth/login', { body: { email: DEMO.parent2, password: 'not-the-password' } });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.code).toBe('invalid_credentials');
    expect({ ...unknown.body, requestId: undefined }).toEqual({ ...wrong.body, requestId: undefined });
  });

  it('accepts the email in any case', async () => {
    const session = await t.login(DEMO.agent.toUpperCase());
    expect(session.accessToken).toBeTruthy();
  });

  it('refuses a tampered or expired access token', async () => {
    const session = await t.login(DEMO.parent);
    const tampered = `${session.accessToken.slice(0, -4)}AAAA`;
    expect((await t.request('GET', '/v1/me', { token: tampered })).status).toBe(401);
    t.clock.advance(11 * 60 * 1000);
    const expired = await t.request('GET', '/v1/me', { token: session.accessToken });
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('token_expired');
  });
});

describe('login throttling', () => {
  it('blocks an address after repeated failures on an account, even with the right password, until the window passes', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 5; i++) {
      const res = await t.request('POST', '/v1/auth/login', {
        body: { email: DEMO.agent, password: `wrong-${i}-pass` },
        headers,
      });
      expect(res.status).toBe(401);
    }
    const blocked = await t.request('POST', '/v1/auth/login', { body: { email: DEMO.agent, password: DEMO.password }, headers });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_requests');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(16 * 60 * 1000);
    const later = await t.request('POST', '/v1/auth/login', { body: { email: DEMO.agent, password: DEMO.password }, headers });
    expect(later.status).toBe(200);
  });

  it('blocks an address that tries many accounts', async () => {
    const headers = { 'x-forwarded-for': '192.0.2.99' };
    for (let i = 0; i < 50; i++) {
      await t.request('POST', '/v1/auth/login', { body: { email: `victim${i}@example.org`, password: 'guess-guess' }, headers });
    }
    const res = await t.request('POST', '/v1/auth/login', { body: { email: DEMO.parent2, password: DEMO.password }, headers });
    expect(res.status).toBe(429);
    const otherAddress = await t.request('POST', '/v1/auth/login', {
      body: { email: DEMO.parent2, password: DEMO.password },
      headers: { 'x-forwarded-for': '192.0.2.100' },
    });
    expect(otherAddress.status).toBe(200);
  });
});

describe('refresh tokens', () => {
  it('rotates on every use and keeps the absolute end of the sign-in', async () => {
    const first = await t.login(DEMO.parent);
    t.clock.advance(60_000);
    const second = await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.refreshExpiresAt).toBe((first as { refreshExpiresAt?: string }).refreshExpiresAt);
    const me = await t.request('GET', '/v1/me', { token: second.body.accessToken });
    expect(me.status).toBe(200);
  });

  it('revokes the whole chain when a spent refresh token is presented again', async () => {
    const first = await t.login(DEMO.parent);
    const second = await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    const replay = await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('refresh_token_reused');
    // The legitimate newest token is dead too: the thief and the owner both have to sign in again.
    const newest = await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: second.body.refreshToken } });
    expect(newest.status).toBe(401);
    expect(newest.body.code).toBe('invalid_token');
    // Other sign-ins of the same account are untouched.
    const other = await t.login(DEMO.parent);
    expect((await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(200);
  });

  it('ends the sign-in on logout', async () => {
    const session = await t.login(DEMO.parent2);
    const out = await t.request('POST', '/v1/auth/logout', { body: { refreshToken: session.refreshToken } });
    expect(out.status).toBe(204);
    const res = await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(res.status).toBe(401);
  });

  it('refuses refresh past the absolute lifetime', async () => {
    const session = await t.login(DEMO.parent2);
    t.clock.advance(12 * 3600 * 1000 + 1000);
    const res = await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(res.status).toBe(401);
  });
});

describe('password reset', () => {
  it('emails a single-use link that sets a new password and ends every session', async () => {
    const before = await t.login(DEMO.parent2);
    const ask = await t.request('POST', '/v1/auth/password-reset', {
      body: { email: DEMO.parent2, collectivity: 'ville-de-demo' },
    });
    expect(ask.status).toBe(202);
    await t.deliverEmails();
    const mail = t.mailbox.latestTo(DEMO.parent2);
    expect(mail?.subject).toMatch(/mot de passe/);
    const link = new URL(mail!.text.match(/https?:\/\/\S+/)![0]);
    expect(link.search).not.toContain('foyer-reset');
    const token = new URLSearchParams(link.hash.slice(1)).get('foyer-reset')!;
    const weak = await t.request('POST', '/v1/auth/password-reset/confirm', { body: { token, password: 'azertyuiop' } });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('password_too_common');
    const done = await t.request('POST', '/v1/auth/password-reset/confirm', {
      body: { token, password: 'un nouveau mot de passe' },
    });
    expect(done.status).toBe(204);
    expect(
      (await t.request('POST', '/v1/auth/password-reset/confirm', { body: { token, password: 'encore un autre' } })).status,
    ).toBe(404);
    expect((await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: before.refreshToken } })).status).toBe(401);
    expect((await t.request('POST', '/v1/auth/login', { body: { email: DEMO.parent2, password: DEMO.password } })).status).toBe(
      401,
    );
    await t.login(DEMO.parent2, 'un nouveau mot de passe');
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const count = t.mailbox.list().length;
    const res = await t.request('POST', '/v1/auth/password-reset', { body: { email: 'inconnu@example.org' } });
    expect(res.status).toBe(202);
    await t.deliverEmails();
    expect(t.mailbox.list().length).toBe(count);
  });
});

describe('password change', () => {
  it('needs the current password and ends the other sessions', async () => {
    const session = await t.login(DEMO.agent);
    const wrong = await t.request('POST', '/v1/me/password', {
      token: session.accessToken,
      body: { currentPassword: 'nope-nope', newPassword: 'correct horse battery' },
    });
    expect(wrong.status).toBe(400);
    const ok = await t.request('POST', '/v1/me/password', {
      token: session.accessToken,
      body: { currentPassword: DEMO.password, newPassword: 'correct horse battery' },
    });
    expect(ok.status).toBe(204);
    expect((await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    await t.login(DEMO.agent, 'correct horse battery');
  });
});
