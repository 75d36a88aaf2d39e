import { createClient, endpoint, exponentialBackoff, type Fetch, FoyerError, FoyerNetworkError } from '@foyer/sdk';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, problem } from './fake-fetch.js';

afterEach(() => {
  vi.useRealTimers();
});

const collectivity = { slug: 'ville-de-demo', name: 'Ville de Démo', timeZone: 'Europe/Paris' };
const getCollectivity = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c',
  params: v.strictObject({ c: v.string() }),
  response: v.object({ slug: v.string(), name: v.string(), timeZone: v.string() }),
});
// A write that must happen once, shaped like the cart checkout to come.
const checkout = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/cart/checkout',
  params: v.strictObject({ c: v.string() }),
  body: v.strictObject({ returnUrl: v.string() }),
  response: v.object({ status: v.picklist(['confirmed', 'payment_required']) }),
  idempotent: true,
});
const sendMessage = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/requests/:id/messages',
  params: v.strictObject({ c: v.string(), id: v.string() }),
  body: v.strictObject({ text: v.string() }),
  response: v.object({ id: v.string() }),
  status: 201,
});

const instant = () => 0;
const client = (fetch: Fetch, options: { backoff?: typeof instant; maxRetries?: number } = { backoff: instant }) =>
  createClient({ baseUrl: 'https://api.foyer.test', collectivity: 'ville-de-demo', fetch, ...options });

describe('retries', () => {
  it('waits for the Retry-After of a 503 before retrying a read', async () => {
    vi.useFakeTimers();
    const fetch = fakeFetch(problem(503, 'service_unavailable', { 'retry-after': '2' }), json(200, collectivity));
    const answer = client(fetch, {}).method(getCollectivity)();

    await vi.advanceTimersByTimeAsync(1_999);
    expect(fetch.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch.requests).toHaveLength(2);
    expect(await answer).toEqual(collectivity);
  });

  it('sends a write again after 503 server_busy (the API did nothing), but not after another 503', async () => {
    const busy = fakeFetch(problem(503, 'server_busy', { 'retry-after': '1' }), json(201, { id: 'm1' }));
    expect(await client(busy).method(sendMessage, 'id')('r1', { text: 'Bonjour' })).toEqual({ id: 'm1' });
    expect(busy.requests).toHaveLength(2);
    const down = fakeFetch(problem(503, 'service_unavailable'), json(201, { id: 'm2' }));
    const error = await client(down)
      .method(sendMessage, 'id')('r1', { text: 'Bonjour' })
      .catch((e) => e);
    expect(error).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(down.requests).toHaveLength(1);
  });

  it('retries a read after network failures, then gives up with a FoyerNetworkError', async () => {
    const offline = new TypeError('fetch failed');
    const fetch = fakeFetch(offline);
    const error = await client(fetch)
      .method(getCollectivity)()
      .catch((e) => e);
    expect(error).toBeInstanceOf(FoyerNetworkError);
    expect(error).toBeInstanceOf(FoyerError);
    expect(error).toMatchObject({ status: 0, code: 'network_error', cause: offline });
    expect(fetch.requests).toHaveLength(3);
  });

  it('retries as many times as configured, per client or per call', async () => {
    const fetch = fakeFetch(problem(503, 'service_unavailable'));
    await expect(client(fetch, { backoff: instant, maxRetries: 4 }).method(getCollectivity)()).rejects.toMatchObject({
      status: 503,
    });
    expect(fetch.requests).toHaveLength(5);
    await expect(client(fetch).method(getCollectivity)({ maxRetries: 0 })).rejects.toMatchObject({ status: 503 });
    expect(fetch.requests).toHaveLength(6);
  });

  it('never retries a write that has no idempotency key', async () => {
    const fetch = fakeFetch(problem(503, 'service_unavailable'), json(201, { id: 'm1' }));
    await expect(client(fetch).method(sendMessage, 'id')('r1', { text: 'Bonjour' })).rejects.toMatchObject({ status: 503 });
    expect(fetch.requests).toHaveLength(1);
    const offline = fakeFetch(new TypeError('fetch failed'), json(201, { id: 'm1' }));
    await expect(client(offline).method(sendMessage, 'id')('r1', { text: 'Bonjour' })).rejects.toBeInstanceOf(FoyerNetworkError);
    expect(offline.requests).toHaveLength(1);
  });

  it('does not wait for a Retry-After longer than the client would hang', async () => {
    const fetch = fakeFetch(problem(429, 'too_many_requests', { 'retry-after': '900' }), json(200, collectivity));
    const error = await client(fetch, {})
      .method(getCollectivity)()
      .catch((e) => e);
    expect(error).toMatchObject({ status: 429, code: 'too_many_requests', retryAfter: 900 });
    expect(fetch.requests).toHaveLength(1);
  });

  it('stops waiting when the call is aborted', async () => {
    vi.useFakeTimers();
    const fetch = fakeFetch(problem(503, 'service_unavailable', { 'retry-after': '5' }));
    const controller = new AbortController();
    const answer = client(fetch, {}).method(getCollectivity)({ signal: controller.signal });
    const rejected = expect(answer).rejects.toThrow('left the page');
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort(new Error('left the page'));
    await rejected;
    expect(fetch.requests).toHaveLength(1);
  });
});

describe('idempotency keys', () => {
  it('sends one generated key with every retry of a call, and a new key for the next call', async () => {
    const fetch = fakeFetch(
      new TypeError('fetch failed'),
      problem(503, 'service_unavailable'),
      json(200, { status: 'confirmed' }),
      json(200, { status: 'confirmed' }),
    );
    const pay = client(fetch).method(checkout);
    expect(await pay({ returnUrl: 'https://ville.example/famille' })).toEqual({ status: 'confirmed' });
    await pay({ returnUrl: 'https://ville.example/famille' });

    const keys = fetch.requests.map((r) => r.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys.slice(0, 3)).toEqual([keys[0], keys[0], keys[0]]);
    expect(keys[3]).not.toBe(keys[0]);
    expect(fetch.requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.foyer.test/v1/collectivities/ville-de-demo/cart/checkout',
    });
    expect(fetch.requests[0]?.headers.get('content-type')).toBe('application/json');
  });

  it('uses the key the caller gives, e.g. one kept across a page reload', async () => {
    const fetch = fakeFetch(json(200, { status: 'payment_required' }));
    await client(fetch).method(checkout)({ returnUrl: 'https://ville.example' }, { idempotencyKey: 'checkout-42' });
    expect(fetch.requests[0]?.headers.get('idempotency-key')).toBe('checkout-42');
  });

  it('sends a caller key on other writes, but does not retry them: the API does not recognise it there', async () => {
    const fetch = fakeFetch(new TypeError('fetch failed'), json(201, { id: 'm1' }));
    const send = client(fetch).method(sendMessage, 'id');
    const error = await send('r1', { text: 'Bonjour' }, { idempotencyKey: 'message-42', maxRetries: 3 }).catch((e) => e);
    expect(error).toBeInstanceOf(FoyerNetworkError);
    expect(fetch.requests.map((r) => r.headers.get('idempotency-key'))).toEqual(['message-42']);
  });

  it('leaves other endpoints without a key', async () => {
    const fetch = fakeFetch(json(201, { id: 'm1' }));
    await client(fetch).method(sendMessage, 'id')('r/1', { text: 'Bonjour' });
    expect(fetch.requests[0]?.headers.has('idempotency-key')).toBe(false);
    expect(fetch.requests[0]?.url).toBe('https://api.foyer.test/v1/collectivities/ville-de-demo/requests/r%2F1/messages');
    expect(fetch.requests[0]?.body).toEqual({ text: 'Bonjour' });
  });
});

describe('exponentialBackoff', () => {
  it('doubles from 0.5 s up to 5 s, with jitter in the upper half', () => {
    for (const [retry, ceiling] of [
      [1, 500],
      [2, 1_000],
      [3, 2_000],
      [5, 5_000],
      [9, 5_000],
    ] as const) {
      for (let i = 0; i < 50; i++) {
        const delay = exponentialBackoff(retry, undefined);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('never waits less than the API asked', () => {
    expect(exponentialBackoff(1, 3_000)).toBe(3_000);
  });
});
