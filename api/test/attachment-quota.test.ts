import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { FILES, uploader } from './uploads.js';

const PDF_BYTES = FILES.pdf().byteLength;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('attachment quota per household', () => {
  it('refuses the document that would take the household past its quota, and stores nothing of it', async () => {
    const up = uploader(t);
    const parent = (await t.login(DEMO.parent)).accessToken;
    // The seeded household already stores documents: its quota leaves room for two more.
    const { used } = await t.deps.db
      .selectFrom('attachments as a')
      .innerJoin('memberships as m', (j) => j.onRef('m.household_id', '=', 'a.household_id'))
      .innerJoin('accounts as ac', 'ac.id', 'm.account_id')
      .innerJoin('collectivities as c', 'c.id', 'a.collectivity_id')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('a.size_bytes'), eb.val('0')).as('used'))
      .where('ac.email', '=', DEMO.parent)
      .where('c.slug', '=', 'ville-de-demo')
      .executeTakeFirstOrThrow();
    t.deps.config.attachmentQuotaBytes = Number(used) + 2 * PDF_BYTES;
    expect((await up.upload(FILES.pdf(), { token: parent, name: 'un.pdf' })).status).toBe(201);
    expect((await up.upload(FILES.pdf(), { token: parent, name: 'deux.pdf' })).status).toBe(201);
    const stored = await t.deps.db
      .selectFrom('attachment_blobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await up.upload(FILES.pdf(), { token: parent, name: 'trois.pdf' });
    expect(refused.status).toBe(413);
    expect(refused.body.code).toBe('attachment_quota_exceeded');
    const after = await t.deps.db
      .selectFrom('attachment_blobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(stored.n));
    // Another household has its own quota.
    const other = (await t.login(DEMO.parent2)).accessToken;
    expect((await up.upload(FILES.pdf(), { token: other, name: 'autre.pdf' })).status).toBe(201);
  });
});
