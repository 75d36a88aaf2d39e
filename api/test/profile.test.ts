import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/modules/auth/secret-tokens.js';
import { DEMO, startTestApp, type TestApp, type TestResponse } from './harness.js';

const C = '/v1/collectivities/ville-de-demo';

let t: TestApp;
let parent: string;
let parent2: string;

beforeAll(async () => {
  t = await startTestApp();
  parent = (await t.login(DEMO.parent)).accessToken;
  parent2 = (await t.login(DEMO.parent2)).accessToken;
});
afterAll(() => t.close());

function expectProblem(res: TestResponse, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code });
}

describe('the household tab', () => {
  it('changes the name, département and phone', async () => {
    const res = await t.request('PATCH', `${C}/household`, {
      token: parent,
      body: { name: 'Famille Sanchez', department: '2a', phone: '05 61 00 00 00' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ name: 'Famille Sanchez', department: '2A', phone: '05 61 00 00 00' });
    expect(res.body.guardians.length).toBeGreaterThan(0);
    const cleared = await t.request('PATCH', `${C}/household`, { token: parent, body: { phone: null } });
    expect(cleared.body).toMatchObject({ name: 'Famille Sanchez', phone: null });
  });

  it('refuses to set the address directly: it changes through a request', async () => {
    const before = (await t.request('GET', `${C}/household`, { token: parent })).body.address;
    const res = await t.request('PATCH', `${C}/household`, {
      token: parent,
      body: { address: { line1: '1 rue Inconnue', postalCode: '75001', city: 'Paris' } },
    });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ path: 'body.address', message: 'is not a known field' }]);
    expect((await t.request('GET', `${C}/household`, { token: parent })).body.address).toEqual(before);
  });

  it('checks the département and the phone', async () => {
    const res = await t.request('PATCH', `${C}/household`, { token: parent, body: { department: '99', phone: 'appelez-moi' } });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.department', 'body.phone']);
  });

  it('changes only the caller’s household', async () => {
    await t.request('PATCH', `${C}/household`, { token: parent2, body: { name: 'Famille Martin-Durand' } });
    expect((await t.request('GET', `${C}/household`, { token: parent })).body.name).toBe('Famille Sanchez');
  });
});

describe('the guardians tab', () => {
  it('adds and edits a guardian', async () => {
    const added = await t.request('POST', `${C}/household/guardians`, {
      token: parent,
      body: {
        firstName: 'Carmen',
        lastName: 'RUIZ',
        relationship: 'Grand-mère',
        phoneMobile: '06 12 34 56 78',
        email: 'Carmen.Ruiz@Example.org',
      },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({
      firstName: 'Carmen',
      email: 'carmen.ruiz@example.org',
      hasAccount: false,
      phoneHome: null,
    });
    const edited = await t.request('PATCH', `${C}/household/guardians/${added.body.id}`, {
      token: parent,
      body: { phoneMobile: null, phoneHome: '05 61 11 22 33' },
    });
    expect(edited.body).toMatchObject({ firstName: 'Carmen', phoneMobile: null, phoneHome: '05 61 11 22 33' });
    const list = await t.request('GET', `${C}/household/guardians`, { token: parent });
    expect(list.body.guardians.map((g: { firstName: string }) => g.firstName).sort()).toEqual(['Carmen', 'Diego', 'Maria']);
  });

  it('does not change a login through the guardian: that takes a confirmed email change', async () => {
    const list = await t.request('GET', `${C}/household/guardians`, { token: parent });
    const maria = list.body.guardians.find((g: { hasAccount: boolean }) => g.hasAccount);
    const res = await t.request('PATCH', `${C}/household/guardians/${maria.id}`, {
      token: parent,
      body: { email: 'pirate@example.org' },
    });
    expectProblem(res, 409, 'email_is_login');
    const renamed = await t.request('PATCH', `${C}/household/guardians/${maria.id}`, {
      token: parent,
      body: { firstName: 'María' },
    });
    expect(renamed.body).toMatchObject({ firstName: 'María', email: DEMO.parent });
  });

  it("answers 404 on another household's guardian", async () => {
    const theirs = (await t.request('GET', `${C}/household/guardians`, { token: parent2 })).body.guardians[0];
    expectProblem(
      await t.request('PATCH', `${C}/household/guardians/${theirs.id}`, { token: parent, body: { firstName: 'X' } }),
      404,
      'not_found',
    );
  });

  it('has no way to edit health fields or pick-up persons directly', async () => {
    const children = (await t.request('GET', `${C}/children`, { token: parent })).body.children;
    const res = await t.request('PATCH', `${C}/children/${children[0].id}`, { token: parent, body: { allergies: [] } });
    expect(res.status).toBe(404);
  });
});

describe('changing the login email', () => {
  const newEmail = 'maria.sanchez@example.net';

  /** The token of the newest confirmation link sent to `to`. */
  async function linkTokenSentTo(to: string): Promise<string> {
    await t.deliverEmails();
    const mail = t.mailbox.latestTo(to);
    const token = mail?.text.match(/foyer-email-change=([A-Za-z0-9_-]+)/)?.[1];
    if (!token) throw new Error(`no confirmation link sent to ${to}: ${mail?.text}`);
    return token;
  }

  it('needs the current password', async () => {
    const res = await t.request('POST', '/v1/me/email', { token: parent, body: { newEmail, password: 'not-the-password' } });
    expectProblem(res, 400, 'invalid_credentials');
    const same = await t.request('POST', '/v1/me/email', {
      token: parent,
      body: { newEmail: DEMO.parent, password: DEMO.password },
    });
    expectProblem(same, 400, 'same_email');
  });

  it('emails a single-use link to the new address, and applies the change when it is confirmed', async () => {
    const res = await t.request('POST', '/v1/me/email', {
      token: parent,
      body: { newEmail: 'Maria.Sanchez@Example.NET', password: DEMO.password, collectivity: 'ville-de-demo' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const token = await linkTokenSentTo(newEmail);
    expect(t.mailbox.latestTo(newEmail)?.text).toContain('24 heures');
    // Only the token's hash is stored, and nothing changed yet.
    const stored = await t.deps.db.selectFrom('email_change_tokens').select(['token_hash', 'new_email']).execute();
    expect(stored.some((row) => Buffer.from(row.token_hash).equals(hashToken(token)))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await t.request('GET', '/v1/me', { token: parent })).body.account.email).toBe(DEMO.parent);

    const confirmed = await t.request('POST', '/v1/me/email/confirm', { body: { token } });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toEqual({ email: newEmail });
    expect((await t.request('GET', '/v1/me', { token: parent })).body.account.email).toBe(newEmail);
    const guardians = (await t.request('GET', `${C}/household/guardians`, { token: parent })).body.guardians;
    expect(guardians.find((g: { hasAccount: boolean }) => g.hasAccount).email).toBe(newEmail);

    // Signing in uses the new address; the old one is told.
    expect((await t.request('POST', '/v1/auth/login', { body: { email: newEmail, password: DEMO.password } })).status).toBe(200);
    expect((await t.request('POST', '/v1/auth/login', { body: { email: DEMO.parent, password: DEMO.password } })).status).toBe(
      401,
    );
    await t.deliverEmails();
    expect(t.mailbox.latestTo(DEMO.parent)?.subject).toBe('Votre adresse de connexion a été modifiée');

    // The link works once.
    expectProblem(await t.request('POST', '/v1/me/email/confirm', { body: { token } }), 404, 'invalid_token');
    parent = (await t.login(newEmail)).accessToken;
  });

  it('expires after 24 hours, and a newer link replaces the older one', async () => {
    await t.request('POST', '/v1/me/email', { token: parent, body: { newEmail: 'first@example.net', password: DEMO.password } });
    const first = await linkTokenSentTo('first@example.net');
    await t.request('POST', '/v1/me/email', { token: parent, body: { newEmail: 'second@example.net', password: DEMO.password } });
    const second = await linkTokenSentTo('second@example.net');
    expectProblem(await t.request('POST', '/v1/me/email/confirm', { body: { token: first } }), 404, 'invalid_token');
    t.clock.advance(24 * 3600 * 1000 + 1000);
    expectProblem(await t.request('POST', '/v1/me/email/confirm', { body: { token: second } }), 404, 'invalid_token');
    parent = (await t.login(newEmail)).accessToken;
  });

  it('never moves a login onto an address another account uses', async () => {
    // Asked for a taken address: same answer, and its owner gets a notice instead of a link.
    const asked = await t.request('POST', '/v1/me/email', {
      token: parent,
      body: { newEmail: DEMO.parent2, password: DEMO.password },
    });
    expect(asked.status).toBe(202);
    await t.deliverEmails();
    const notice = t.mailbox.latestTo(DEMO.parent2);
    expect(notice?.subject).toBe('Demande de changement d’adresse email');
    expect(notice?.text).not.toContain('foyer-email-change');

    // Taken between the link and its confirmation: refused, nothing changed.
    await t.request('POST', '/v1/me/email', { token: parent, body: { newEmail: 'late@example.net', password: DEMO.password } });
    const token = await linkTokenSentTo('late@example.net');
    await t.deps.db.insertInto('accounts').values({ email: 'late@example.net', display_name: 'Quelqu’un' }).execute();
    expectProblem(await t.request('POST', '/v1/me/email/confirm', { body: { token } }), 409, 'email_taken');
    expect((await t.request('GET', '/v1/me', { token: parent })).body.account.email).toBe(newEmail);
  });

  it('throttles requests, since each one sends an email', async () => {
    parent2 = (await t.login(DEMO.parent2)).accessToken;
    let last: TestResponse | undefined;
    for (let i = 0; i < 6; i++) {
      last = await t.request('POST', '/v1/me/email', {
        token: parent2,
        body: { newEmail: `spam${i}@example.net`, password: DEMO.password },
      });
    }
    expectProblem(last as TestResponse, 429, 'too_many_requests');
  });

  it('needs a signed-in account to ask, and a well-formed token to confirm', async () => {
    expect((await t.request('POST', '/v1/me/email', { body: { newEmail: 'x@example.net', password: 'x' } })).status).toBe(401);
    expectProblem(await t.request('POST', '/v1/me/email/confirm', { body: { token: 'short' } }), 400, 'validation_failed');
  });
});
