import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepRetention } from '../src/modules/system/retention.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { FILES, storedCounts, uploader } from './uploads.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const rows = async (table: 'outbox' | 'refresh_tokens' | 'password_reset_tokens' | 'rate_limits') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('retention sweeper', () => {
  it('keeps what still serves, then purges each kind after its period', async () => {
    const demo = await t.deps.db
      .selectFrom('collectivities')
      .select('id')
      .where('slug', '=', 'ville-de-demo')
      .executeTakeFirstOrThrow();
    const parent = (await t.login(DEMO.parent)).accessToken;
    const draft = await uploader(t).upload(FILES.pdf(), { token: parent });
    expect(draft.status).toBe(201);
    await t.request('POST', '/v1/auth/password-reset', { body: { email: DEMO.parent2 } });
    await t.request('POST', '/v1/auth/login', { body: { email: DEMO.parent2, password: 'wrong-password' } });
    await t.deliverEmails();
    const before = {
      outbox: await rows('outbox'),
      refresh: await rows('refresh_tokens'),
      reset: await rows('password_reset_tokens'),
      limits: await rows('rate_limits'),
      documents: (await storedCounts(t, demo.id)).attachments,
    };

    const early = await sweepRetention(t.deps);
    expect(early).toMatchObject({ sentEmails: 0, refreshTokens: 0, resetTokens: 0, rateLimits: 0, unsentDocuments: 0 });

    t.clock.advance(25 * HOUR);
    const day = await sweepRetention(t.deps);
    expect(day.resetTokens).toBe(before.reset);
    expect(day.rateLimits).toBe(before.limits);
    expect(day.refreshTokens).toBe(before.refresh);
    expect(day.unsentDocuments).toBeGreaterThanOrEqual(1);
    expect(await storedCounts(t, demo.id)).toMatchObject({ attachments: before.documents - day.unsentDocuments });
    expect(day.sentEmails).toBe(0);

    t.clock.advance(30 * 24 * HOUR);
    const month = await sweepRetention(t.deps);
    expect(month.sentEmails).toBe(before.outbox);
    expect(await rows('outbox')).toBe(0);
  });
});

describe('invitations', () => {
  it('are kept while valid, then purged after their expiry, and their link no longer opens anything', async () => {
    const agent = (await t.login(DEMO.agent)).accessToken;
    const email = 'retention.invite@example.org';
    const created = await t.request('POST', '/v1/collectivities/ville-de-demo/admin/households', {
      token: agent,
      body: {
        name: 'Famille Oubli',
        address: { line1: '1 rue du Temps', postalCode: '69100', city: 'Ville-de-Démo' },
        guardian: { firstName: 'Léa', lastName: 'Oubli', email },
        children: [],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await t.deliverEmails();
    const link = new URL(t.mailbox.latestTo(email)!.text.match(/https?:\/\/\S+/)![0]);
    const token = new URLSearchParams(link.hash.slice(1)).get('foyer-invitation')!;
    const invitations = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('invitations')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('email', '=', email)
            .executeTakeFirstOrThrow()
        ).n,
      );

    t.clock.advance(13 * 24 * HOUR);
    await sweepRetention(t.deps);
    expect(await invitations()).toBe(1);
    expect((await t.request('GET', `/v1/auth/invitations/${token}`)).status).toBe(200);

    t.clock.advance(2 * 24 * HOUR);
    const swept = await sweepRetention(t.deps);
    expect(swept.invitations).toBeGreaterThanOrEqual(1);
    expect(await invitations()).toBe(0);
    const gone = await t.request('GET', `/v1/auth/invitations/${token}`);
    expect(gone.status).toBeGreaterThanOrEqual(400);
    expect(gone.status).toBeLessThan(500);
  });
});
