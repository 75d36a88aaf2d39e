import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './harness.js';

const C = '/v1/collectivities/ville-de-demo';
let t: TestApp;
let agent: string;
let parent: string;
beforeAll(async () => {
  t = await startTestApp();
  agent = (await t.login(DEMO.agent)).accessToken;
  parent = (await t.login(DEMO.parent)).accessToken;
});
afterAll(() => t.close());

describe('impossible input is a 400, never a 500', () => {
  it('refuses a day the calendar does not have', async () => {
    const res = await t.request('GET', `${C}/admin/day-list?date=2025-02-30`, { token: agent });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors[0]).toMatchObject({ path: 'query.date', message: 'is not a day of the calendar' });
    expect((await t.request('GET', `${C}/admin/day-list?date=2028-02-29`, { token: agent })).status).toBe(200);
  });

  it('refuses a date that is no date at all, or empty, without throwing', async () => {
    for (const date of ['pas-une-date', '', '2025-2-3']) {
      const res = await t.request('GET', `${C}/admin/day-list?date=${date}`, { token: agent });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  it('refuses a cursor naming an instant out of range', async () => {
    const forged = Buffer.from(JSON.stringify(['2025-13-45T99:99:99.000000Z', crypto.randomUUID()])).toString('base64url');
    const res = await t.request('GET', `${C}/admin/requests?cursor=${forged}`, { token: agent });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_cursor');
  });
});

describe('checkout return address', () => {
  const checkout = (returnUrl: string) =>
    t.request('POST', `${C}/cart/checkout`, {
      token: parent,
      body: { returnUrl },
      headers: { 'idempotency-key': `return-url-${crypto.randomUUID()}` },
    });

  it('refuses a returnUrl on another origin (no open redirect through the payment page)', async () => {
    const res = await checkout('https://phishing.example/ville-de-demo/merci');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('return_url_not_allowed');
    expect(res.body.errors[0].path).toBe('body.returnUrl');
  });

  it('accepts a page of an origin the collectivity registered', async () => {
    const res = await checkout(`${t.deps.config.publicUrl}/portail?retour=1`);
    expect(res.body.code).not.toBe('return_url_not_allowed');
    expect(res.status).toBeLessThan(500);
  });
});
