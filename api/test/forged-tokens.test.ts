// Forged and misused access tokens (issue #16): each must be answered 401 on every sampled
// route, and none may make the server reload its signing keys more often than documented
// (an unknown `kid` reloads at most once every 10 s, see signing-keys.ts).
import { base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { signAccessToken } from '../src/modules/auth/access-tokens.js';
import { agentWithRole } from './agent-builders.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

const SAMPLE = [
  '/v1/me',
  '/v1/collectivities/ville-de-demo/household',
  '/v1/collectivities/ville-de-demo/children',
  '/v1/collectivities/ville-de-demo/admin/households',
];

let t: TestApp;
let parentId: string;
let reloads = 0;
beforeAll(async () => {
  t = await startTestApp();
  const row = await t.deps.db.selectFrom('accounts').select('id').where('email', '=', DEMO.parent).executeTakeFirstOrThrow();
  parentId = row.id;
  // Counts the reloads of the real key set (the call goes through unchanged).
  const keys = t.deps.keys;
  const reload = keys.reload.bind(keys);
  keys.reload = () => {
    reloads++;
    return reload();
  };
});
afterAll(() => t.close());

const settings = () => t.deps.config.auth;
const nowSeconds = () => Math.floor(t.clock.now().getTime() / 1000);

/** A token with the real claims, signed with the real current key, then altered by `edit`. */
async function realKey(edit: (jwt: SignJWT, header: Record<string, unknown>) => void = () => {}) {
  const { kid, privateKey } = t.deps.keys.current();
  const header: Record<string, unknown> = { alg: 'ES256', kid, typ: 'at+jwt' };
  const jwt = new SignJWT({})
    .setIssuer(settings().issuer)
    .setAudience(settings().audience)
    .setSubject(parentId)
    .setIssuedAt(nowSeconds())
    .setExpirationTime(nowSeconds() + 600);
  edit(jwt, header);
  return jwt.setProtectedHeader(header as { alg: string }).sign(privateKey);
}

/** Signed with a key of the attacker's, with the given header. */
async function attackerKey(header: Record<string, unknown>) {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', ...header })
    .setIssuer(settings().issuer)
    .setAudience(settings().audience)
    .setSubject(parentId)
    .setIssuedAt(nowSeconds())
    .setExpirationTime(nowSeconds() + 600)
    .sign(privateKey);
}

const encode = (value: object) => base64url.encode(JSON.stringify(value));

async function forgeries(): Promise<Record<string, string>> {
  const { kid } = t.deps.keys.current();
  const claims = {
    iss: settings().issuer,
    aud: settings().audience,
    sub: parentId,
    iat: nowSeconds(),
    exp: nowSeconds() + 600,
  };
  const publicJwk = t.deps.keys.jwks().keys[0] ?? {};
  const publicKey = await t.deps.keys.publicKey(kid);
  if (!publicKey) throw new Error('no public key');
  const hs256 = (secret: Uint8Array) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid, typ: 'at+jwt' }).sign(secret);
  const attacker = await generateKeyPair('ES256', { extractable: true });
  const attackerJwk = await exportJWK(attacker.publicKey);
  const refresh = (await t.login(DEMO.parent)).refreshToken;
  return {
    'alg none': `${encode({ alg: 'none', kid, typ: 'at+jwt' })}.${encode(claims)}.`,
    'alg none, capitalised': `${encode({ alg: 'None', kid, typ: 'at+jwt' })}.${encode(claims)}.`,
    'HS256 signed with the public JWK': await hs256(new TextEncoder().encode(JSON.stringify(publicJwk))),
    'HS256 signed with the public key (PEM)': await hs256(new TextEncoder().encode(await exportSPKI(publicKey))),
    'embedded jwk, attacker key': await attackerKey({ jwk: attackerJwk }),
    'embedded jwk with the real kid': await attackerKey({ jwk: attackerJwk, kid }),
    'jku header': await attackerKey({ jku: 'https://evil.example/jwks.json', kid: 'evil' }),
    'x5u header': await attackerKey({ x5u: 'https://evil.example/cert.pem', kid: 'evil' }),
    'unknown kid': await attackerKey({ kid: crypto.randomUUID() }),
    'missing kid, attacker key': await attackerKey({}),
    'missing kid, real key': await realKey((_, h) => {
      delete h.kid;
    }),
    'real kid, attacker key': await attackerKey({ kid }),
    'typ JWT': await realKey((_, h) => {
      h.typ = 'JWT';
    }),
    'no typ': await realKey((_, h) => {
      delete h.typ;
    }),
    'wrong audience': await realKey((j) => j.setAudience('another-api')),
    'wrong issuer': await realKey((j) => j.setIssuer('https://evil.example')),
    expired: await signAccessToken(t.deps.keys, settings(), parentId, new Date(t.clock.now().getTime() - 3_600_000)),
    'nbf in the future': await realKey((j) => j.setNotBefore(nowSeconds() + 3600)),
    'no sub': await realKey((j) => j.setSubject('')),
    'signature stripped': `${(await realKey()).split('.').slice(0, 2).join('.')}.`,
    'refresh token as access token': refresh,
    garbage: 'not.a.token',
  };
}

async function statusesOf(token: string, app = t) {
  const out: number[] = [];
  for (const path of SAMPLE) out.push((await app.request('GET', path, { token })).status);
  return out;
}

describe('forged and misused access tokens', () => {
  it('the sample routes accept a real token (so a 401 below is the forgery being caught)', async () => {
    const parent = (await t.login(DEMO.parent)).accessToken;
    expect((await t.request('GET', SAMPLE[0] ?? '', { token: parent })).status).toBe(200);
    expect((await t.request('GET', SAMPLE[1] ?? '', { token: parent })).status).toBe(200);
    const admin = (await agentWithRole(t, 'admin')).token;
    expect((await t.request('GET', SAMPLE[3] ?? '', { token: admin })).status).toBe(200);
  });

  it('answers 401 to every forged or misused token, and reloads keys at most once per 10 s', async () => {
    const list = await forgeries();
    reloads = 0;
    const accepted: string[] = [];
    for (const [name, token] of Object.entries(list)) {
      const statuses = await statusesOf(token);
      if (statuses.some((s) => s !== 401)) accepted.push(`${name}: ${statuses.join(',')}`);
    }
    expect(accepted).toEqual([]);
    console.info(`forged tokens: ${Object.keys(list).length} tokens × ${SAMPLE.length} routes, ${reloads} key reload(s)`);
    expect(reloads).toBeLessThanOrEqual(1);

    // A flood of unknown kids, 11 s later: one more reload at most.
    t.clock.advance(11_000);
    reloads = 0;
    for (let i = 0; i < 50; i++) {
      const res = await t.request('GET', '/v1/me', { token: await attackerKey({ kid: crypto.randomUUID() }) });
      expect(res.status).toBe(401);
    }
    // Exactly one: the counter works, and fifty unknown kids cost a single reload.
    expect(reloads).toBe(1);
  });

  it('answers 401 to the token of a disabled account and of an account that no longer exists', async () => {
    const agent = await agentWithRole(t, 'admin');
    await t.deps.db.updateTable('accounts').set({ disabled_at: t.clock.now() }).where('id', '=', agent.accountId).execute();
    expect(await statusesOf(agent.token)).toEqual(SAMPLE.map(() => 401));
    const ghost = await signAccessToken(t.deps.keys, settings(), crypto.randomUUID(), t.clock.now());
    expect(await statusesOf(ghost)).toEqual(SAMPLE.map(() => 401));
  });

  it('answers 401 to an access token once its sign-in is logged out and its cache entry is gone', async () => {
    const session = await t.login(DEMO.parent);
    expect((await t.request('GET', '/v1/me', { token: session.accessToken })).status).toBe(200);
    expect((await t.request('POST', '/v1/auth/logout', { body: { refreshToken: session.refreshToken } })).status).toBe(204);
    // Another instance of the API on the same database: no cache entry for this token.
    const fresh = createApp(t.deps);
    const res = await fresh.request('/v1/me', { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(res.status).toBe(401);
  });

  it('tells live from ended sign-ins when their first requests arrive together', async () => {
    // First requests of several tokens at the same moment are checked in one query: each
    // still gets its own answer.
    const live = await t.login(DEMO.parent);
    const ended = await t.login(DEMO.parent);
    expect((await t.request('POST', '/v1/auth/logout', { body: { refreshToken: ended.refreshToken } })).status).toBe(204);
    const disabled = await agentWithRole(t, 'admin');
    await t.deps.db.updateTable('accounts').set({ disabled_at: t.clock.now() }).where('id', '=', disabled.accountId).execute();
    const ghost = await signAccessToken(t.deps.keys, settings(), crypto.randomUUID(), t.clock.now());
    const fresh = createApp(t.deps);
    const tokens = [live.accessToken, ended.accessToken, disabled.token, ghost, live.accessToken];
    const statuses = await Promise.all(
      tokens.map(async (token) => (await fresh.request('/v1/me', { headers: { authorization: `Bearer ${token}` } })).status),
    );
    expect(statuses).toEqual([200, 401, 401, 401, 200]);
  });
});
