import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let accounts = 0;
/** An account with a password hash of the given kind, signed in by nobody yet. */
async function account(passwordHash: string): Promise<string> {
  const email = `signin.${++accounts}@test.example`;
  await t.deps.db.insertInto('accounts').values({ email, display_name: 'Parent', password_hash: passwordHash }).execute();
  return email;
}

const storedHash = async (email: string) =>
  (await t.deps.db.selectFrom('accounts').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow())
    .password_hash ?? '';

const login = (email: string, password: string, address: string) =>
  t.request('POST', '/v1/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': address } });

/** A scrypt hash as versions before argon2id stored them (`scrypt$log2N$r$p$salt$key`). */
function oldScryptHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 2 ** 10, r: 8, p: 1 });
  return ['scrypt', 10, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

describe('password hashes', () => {
  it('stores argon2id for a new password', async () => {
    const session = await t.login(DEMO.parent2);
    const changed = await t.request('POST', '/v1/me/password', {
      token: session.accessToken,
      body: { currentPassword: DEMO.password, newPassword: 'a brand new sentence' },
    });
    expect(changed.status).toBe(204);
    expect(await storedHash(DEMO.parent2)).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    await t.login(DEMO.parent2, 'a brand new sentence');
  });

  it('signs in an account with an old scrypt hash and re-hashes it with argon2id', async () => {
    const email = await account(oldScryptHash('mot de passe ancien'));
    expect((await login(email, 'wrong password', '198.51.100.20')).status).toBe(401);
    expect(await storedHash(email)).toMatch(/^scrypt\$/);
    expect((await login(email, 'mot de passe ancien', '198.51.100.20')).status).toBe(200);
    expect(await storedHash(email)).toMatch(/^\$argon2id\$/);
    expect((await login(email, 'mot de passe ancien', '198.51.100.20')).status).toBe(200);
  });
});

describe('throttling that cannot be raced', () => {
  it('hashes at most the allowed number of 30 concurrent wrong passwords and refuses the rest unhashed', async () => {
    const email = await account(await t.deps.passwords.hash('le bon mot de passe'));
    const before = t.deps.passwords.stats().completed;
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login(email, `mauvais-${i}-essai`, '203.0.113.30')));
    const statuses = answers.map((a) => a.status);
    const allowed = t.deps.config.throttle.failuresPerAccountAndAddress;
    expect(statuses.filter((s) => s === 401)).toHaveLength(allowed);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - allowed);
    expect(t.deps.passwords.stats().completed - before).toBe(allowed);
    expect(Number(answers.find((a) => a.status === 429)?.headers.get('retry-after'))).toBeGreaterThan(0);
    // The attacker's address stays blocked, even with the right password…
    expect((await login(email, 'le bon mot de passe', '203.0.113.30')).status).toBe(429);
    // …but the parent, from their own address, signs in at once.
    expect((await login(email, 'le bon mot de passe', '198.51.100.31')).status).toBe(200);
  });

  it('slows an account attacked from many addresses with a growing delay, never a lock', async () => {
    const email = await account(await t.deps.passwords.hash('le bon mot de passe'));
    const { accountFreeAttempts } = t.deps.config.throttle;
    for (let i = 0; i < accountFreeAttempts; i++) {
      expect((await login(email, `essai-${i}-faux`, `192.0.2.${i + 1}`)).status).toBe(401);
    }
    expect((await login(email, 'encore-faux-1', '192.0.2.101')).status).toBe(401);
    const waiting = await login(email, 'le bon mot de passe', '198.51.100.40');
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers.get('retry-after'))).toBe(1);
    t.clock.advance(1_000);
    expect((await login(email, 'encore-faux-2', '192.0.2.102')).status).toBe(401);
    const longer = await login(email, 'le bon mot de passe', '198.51.100.40');
    expect(Number(longer.headers.get('retry-after'))).toBe(2);
    t.clock.advance(2_000);
    expect((await login(email, 'le bon mot de passe', '198.51.100.40')).status).toBe(200);
    // A success ends the slowdown.
    expect((await login(email, 'le bon mot de passe', '198.51.100.41')).status).toBe(200);
  });

  it('throttles password change like sign-in', async () => {
    const email = await account(await t.deps.passwords.hash('le bon mot de passe'));
    const { accessToken } = await t.login(email, 'le bon mot de passe');
    const change = (currentPassword: string) =>
      t.request('POST', '/v1/me/password', {
        token: accessToken,
        body: { currentPassword, newPassword: 'une phrase toute neuve' },
        headers: { 'x-forwarded-for': '203.0.113.50' },
      });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => change(`faux-${i}-faux`)));
    const allowed = t.deps.config.throttle.failuresPerAccountAndAddress;
    expect(answers.filter((a) => a.status === 400)).toHaveLength(allowed);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(10 - allowed);
  });
});

describe('the hashing gate', () => {
  it('answers 503 with Retry-After beyond its queue, and counts what it refused', async () => {
    // A slow hash cost, for the two hashes that fill the gate (one running, one waiting) before
    // the sign-ins arrive: with real 13 ms hashes, sign-ins spread by their database round trips
    // sometimes all found a free turn, and nothing was refused.
    const slow = { ...t.deps.config.passwords.argon2, timeCost: 200 };
    const small = await startTestApp({
      config: { passwords: { ...t.deps.config.passwords, argon2: slow, hashConcurrency: 1, hashQueue: 1 } },
    });
    try {
      const fillers = [small.deps.passwords.hash('une phrase qui occupe'), small.deps.passwords.hash('et une qui attend')];
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          small.request('POST', '/v1/auth/login', {
            body: { email: DEMO.parent, password: DEMO.password },
            headers: { 'x-forwarded-for': `198.51.100.${60 + i}` },
          }),
        ),
      );
      await Promise.all(fillers);
      const busy = answers.filter((a) => a.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy[0]?.body.code).toBe('server_busy');
      expect(busy[0]?.headers.get('retry-after')).toBe('1');
      expect(answers.filter((a) => a.status === 200).length).toBe(8 - busy.length);
      expect(small.deps.passwords.stats()).toMatchObject({ concurrency: 1, queueLimit: 1, running: 0, waiting: 0 });
      expect(small.deps.passwords.stats().refused).toBe(busy.length);
    } finally {
      await small.close();
    }
  });
});

describe('password reset timing', () => {
  it('answers a known and an unknown email after the same floor', async () => {
    const timed = async (email: string) => {
      const started = performance.now();
      const res = await t.request('POST', '/v1/auth/password-reset', { body: { email } });
      expect(res.status).toBe(202);
      return performance.now() - started;
    };
    const floor = t.deps.config.throttle.resetAnswerMs;
    const known = await timed(DEMO.agent);
    const unknown = await timed('personne.inconnue@example.org');
    expect(known).toBeGreaterThanOrEqual(floor - 1);
    expect(unknown).toBeGreaterThanOrEqual(floor - 1);
    // Both sit on the floor: what is left is scheduling noise, not the work of sending a link.
    expect(Math.abs(known - unknown)).toBeLessThan(floor / 2);
  });
});
