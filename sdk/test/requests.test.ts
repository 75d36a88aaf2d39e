import { type FoyerClient, FoyerError, FoyerNetworkError, type me } from '@foyer/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type SdkTestApp, startSdkTestApp } from './api.js';
import { fakeFetch, json } from './fake-fetch.js';

let api: SdkTestApp;
let parent: FoyerClient;
beforeAll(async () => {
  api = await startSdkTestApp();
  parent = api.client();
  await parent.auth.login({ email: DEMO.parent, password: DEMO.password });
});
afterAll(() => api.close());

describe('namespaces', () => {
  it('reads public collectivity information, for the client collectivity or another one', async () => {
    const anonymous = api.client();
    expect(await anonymous.collectivity.get()).toMatchObject({ slug: 'ville-de-demo', timeZone: 'Europe/Paris' });
    expect(await anonymous.collectivity.get({ collectivity: DEMO.collectivities.second })).toMatchObject({
      slug: 'saint-exemple',
    });
    expect(api.sent.at(-1)).toBe('GET /v1/collectivities/saint-exemple');
  });

  it("reads the parent's household and children", async () => {
    const household = await parent.household.get();
    expect(household.guardians.map((g) => g.email)).toContain(DEMO.parent);
    const { children } = await parent.children.list();
    expect(children.length).toBeGreaterThan(0);
    const [first] = children;
    expect(await parent.children.get(first?.id ?? '')).toEqual(first);
  });

  it('takes the collectivity of one call over the client one', async () => {
    const here = await parent.household.get();
    const there = await parent.household.get({ collectivity: DEMO.collectivities.second });
    expect(there.id).not.toBe(here.id);
    expect(api.sent.at(-1)).toBe('GET /v1/collectivities/saint-exemple/household');
  });

  it('refuses a collectivity-scoped call when no collectivity is known', async () => {
    const client = api.client({ collectivity: undefined });
    await expect(client.collectivity.get()).rejects.toThrow(/needs the path parameter "c"/);
  });
});

describe('booking-engine namespaces', () => {
  it('send the contract requests: ids in the path, the rest in the query or the body', async () => {
    const fetch = fakeFetch(json(200, {}));
    const client = api.client({ fetch, validateResponses: false });
    const lines = [{ childId: 'child-1', activityId: 'act-1', action: 'book' as const, dates: ['2027-01-04'] }];
    await client.services.list();
    await client.calendar.get('child-1', { from: '2027-01-01', to: '2027-01-31', service: 'svc-1' });
    await client.cart.get();
    await client.cart.addLines({ lines });
    await client.cart.removeLine('line-1');
    await client.cart.empty();
    await client.cart.checkout();
    await client.bookings.list({ from: '2027-01-01', to: '2027-01-31', child: 'child-1', status: 'booked' });
    await client.payments.get('pay-1');
    await client.admin.lateCancellations.list();
    await client.admin.lateCancellations.decide('booking-1', { decision: 'reject', reason: 'Trop tard' });
    await client.admin.dayList.get({ date: '2026-11-27', activity: 'act-1' });

    const c = '/v1/collectivities/ville-de-demo';
    expect(fetch.requests.map((r) => `${r.method} ${r.url.replace('http://foyer.test', '')}`)).toEqual([
      `GET ${c}/services`,
      `GET ${c}/children/child-1/calendar?from=2027-01-01&to=2027-01-31&service=svc-1`,
      `GET ${c}/cart`,
      `POST ${c}/cart/lines`,
      `DELETE ${c}/cart/lines/line-1`,
      `DELETE ${c}/cart`,
      `POST ${c}/cart/checkout`,
      `GET ${c}/bookings?from=2027-01-01&to=2027-01-31&child=child-1&status=booked`,
      `GET ${c}/payments/pay-1`,
      `GET ${c}/admin/late-cancellations`,
      `POST ${c}/admin/late-cancellations/booking-1/decision`,
      `GET ${c}/admin/day-list?date=2026-11-27&activity=act-1`,
    ]);
    const [addLines, checkout, decide] = fetch.requests.filter((r) => r.method === 'POST');
    expect(addLines?.body).toEqual({ lines });
    expect(checkout?.body).toEqual({});
    expect(decide?.body).toEqual({ decision: 'reject', reason: 'Trop tard' });
    // Only the checkout must happen once: it alone carries a key.
    const keyed = fetch.requests.filter((r) => r.headers.has('idempotency-key'));
    expect(keyed).toEqual([checkout]);
  });
});

describe('errors', () => {
  it('turns a validation problem into a FoyerError with the invalid fields', async () => {
    const error = await api
      .client()
      .auth.login({ email: 'not-an-email', password: 'whatever' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(FoyerError);
    expect(error).not.toBeInstanceOf(FoyerNetworkError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', title: 'Bad Request' });
    expect(error.errors[0]).toEqual({ path: 'body.email', message: 'must be an email address' });
    expect(error.requestId).toEqual(expect.any(String));
    expect(error.message).toBe(error.detail);
  });

  it('answers an unknown child with not_found and an agent-only call with forbidden', async () => {
    await expect(parent.children.get(crypto.randomUUID())).rejects.toMatchObject({ status: 404, code: 'not_found' });
    await expect(
      parent.admin.households.create({ name: 'X', guardian: { firstName: 'A', lastName: 'B', email: 'a@example.org' } }),
    ).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('sends JSON bodies the API accepts, and resolves empty answers to undefined', async () => {
    const answer = await api.client().auth.resetPassword.request({ email: DEMO.parent2, collectivity: DEMO.collectivities.demo });
    expect(answer).toBeUndefined();
  });
});

describe('response validation', () => {
  const wrongMe = { account: { id: 'not-a-uuid', email: 'x@example.org', displayName: 'X' }, memberships: [] };

  it('rejects an answer outside the contract with invalid_response', async () => {
    const client = api.client({ fetch: fakeFetch(json(200, wrongMe, { 'x-request-id': 'req-1' })) });
    const error = await client.me.get().catch((e) => e);
    expect(error).toBeInstanceOf(FoyerError);
    expect(error).toMatchObject({ status: 200, code: 'invalid_response', requestId: 'req-1' });
    expect(error.errors).toEqual([{ path: 'response.account.id', message: 'must be a UUID' }]);
  });

  it('can be turned off, and returns the output of the schema when on', async () => {
    const lenient = api.client({ fetch: fakeFetch(json(200, wrongMe)), validateResponses: false });
    expect(await lenient.me.get()).toEqual(wrongMe);
    const withExtra = { ...wrongMe, account: { ...wrongMe.account, id: crypto.randomUUID() }, internal: true };
    const strict = api.client({ fetch: fakeFetch(json(200, withExtra)) });
    const answer: me.Me = await strict.me.get();
    expect(answer).not.toHaveProperty('internal');
  });

  it('rejects an answer that is not JSON', async () => {
    const client = api.client({ fetch: fakeFetch(new Response('<html>proxy</html>', { status: 200 })) });
    await expect(client.me.get()).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('builds an error from a status alone when the body is not a problem', async () => {
    const client = api.client({
      fetch: fakeFetch(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })),
    });
    await expect(client.me.get()).rejects.toMatchObject({ status: 502, code: 'http_error', title: 'Bad Gateway' });
  });
});
