import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateSigningKeys } from '../src/modules/auth/key-rotation.js';
import { KEY_RELOAD_SECONDS, SigningKeys } from '../src/modules/auth/signing-keys.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** The outbox entries of emails to `email`. */
async function outboxTo(email: string) {
  const rows = await t.deps.db.selectFrom('outbox').select(['payload', 'sent_at']).where('topic', '=', 'email').execute();
  return rows.filter((row) => (row.payload as { to?: string }).to === email);
}

describe('emailed tokens', () => {
  it('travel in the fragment of the link, never in its query', async () => {
    await t.request('POST', '/v1/auth/password-reset', { body: { email: DEMO.parent } });
    await t.deliverEmails();
    const link = new URL(t.mailbox.latestTo(DEMO.parent)!.text.match(/https?:\/\/\S+/)![0]);
    expect(link.search).toBe('');
    expect(new URLSearchParams(link.hash.slice(1)).get('foyer-reset')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('are gone from the outbox once the email is delivered', async () => {
    await t.request('POST', '/v1/auth/password-reset', { body: { email: DEMO.parent2 } });
    const [queued] = await outboxTo(DEMO.parent2);
    expect(JSON.stringify(queued?.payload)).toContain('foyer-reset=');
    await t.deliverEmails();
    const token = new URLSearchParams(
      new URL(t.mailbox.latestTo(DEMO.parent2)!.text.match(/https?:\/\/\S+/)![0]).hash.slice(1),
    ).get('foyer-reset')!;
    const rows = await outboxTo(DEMO.parent2);
    expect(rows.every((row) => row.sent_at !== null)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.payload).toMatchObject({ to: DEMO.parent2, scrubbed: true });
  });
});

describe('signing keys at rest', () => {
  it('seals private keys with the secrets key, including those stored in clear before it was set', async () => {
    const secretsKey = randomBytes(32);
    const sealed = await startTestApp({ config: { secretsKey } });
    try {
      // The harness loaded the keys once without a secrets key: those rows were in clear.
      await SigningKeys.load(sealed.deps.db, sealed.clock, { secretsKey });
      const rows = await sealed.deps.db.selectFrom('signing_keys').select(['private_jwk']).execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.private_jwk).toMatchObject({ sealed: 'A256GCM' });
        expect(row.private_jwk).not.toHaveProperty('d');
      }
      const keys = await SigningKeys.load(sealed.deps.db, sealed.clock, { secretsKey });
      expect(keys.jwks().keys.length).toBe(rows.length);
      await expect(SigningKeys.load(sealed.deps.db, sealed.clock)).rejects.toThrow(/FOYER_SECRETS_KEY/);
      await expect(SigningKeys.load(sealed.deps.db, sealed.clock, { secretsKey: randomBytes(32) })).rejects.toThrow();
    } finally {
      await sealed.close();
    }
  });
});

describe('key rotation', () => {
  it('signs with the new kid while old tokens verify until they expire, then retires the old key', async () => {
    const before = await t.login(DEMO.agent);
    const oldKid = decodeProtectedHeader(before.accessToken).kid;
    const settings = { secretsKey: undefined, accessTokenSeconds: t.deps.config.auth.accessTokenSeconds };
    const rotation = await rotateSigningKeys(t.deps.db, t.clock, settings);
    expect(rotation.retired).toContain(oldKid);
    // Instances look for rotated keys every KEY_RELOAD_SECONDS; this one is told at once.
    await t.deps.keys.reload();
    const after = await t.login(DEMO.agent);
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(rotation.kid);
    const kids = (await t.request('GET', '/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([oldKid, rotation.kid]));

    t.clock.advance(9 * 60 * 1000);
    expect((await t.request('GET', '/v1/me', { token: before.accessToken })).status).toBe(200);
    t.clock.advance(2 * 60 * 1000);
    expect((await t.request('GET', '/v1/me', { token: before.accessToken })).body.code).toBe('token_expired');

    t.clock.advance(2 * KEY_RELOAD_SECONDS * 1000);
    await t.deps.keys.reload();
    const published = (await t.request('GET', '/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid);
    expect(published).not.toContain(oldKid);
    const next = await rotateSigningKeys(t.deps.db, t.clock, settings);
    expect(next.deleted).toContain(oldKid);
    expect(next.retired).toEqual([rotation.kid]);
  });
});
