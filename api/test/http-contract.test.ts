import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../src/lib/app-env.js';
import { handleError } from '../src/lib/problem.js';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code, type: expect.stringContaining(code), title: expect.any(String) });
  expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
}

describe('bad input', () => {
  it('answers malformed JSON with 400 malformed_json', async () => {
    const res = await t.request('POST', '/v1/auth/login', { body: '{"email": "a@b.fr", ' });
    expectProblem(res, 400, 'malformed_json');
  });

  it('answers wrong types with 400 and names each field', async () => {
    const res = await t.request('POST', '/v1/auth/login', { body: { email: 42, password: ['x'] } });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.email', 'body.password']);
  });

  it('rejects unknown fields', async () => {
    const res = await t.request('POST', '/v1/auth/login', { body: { email: 'a@b.fr', password: 'x', admin: true } });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ path: 'body.admin', message: 'is not a known field' }]);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await t.request('POST', '/v1/auth/login', {
      body: 'email=a@b.fr&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('rejects an oversized body before reading it all', async () => {
    const res = await t.request('POST', '/v1/auth/login', { body: { email: 'a@b.fr', password: 'x'.repeat(2 * 1024 * 1024) } });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('rejects a body announced larger than the limit by its Content-Length alone', async () => {
    const res = await t.request('POST', '/v1/auth/login', {
      body: JSON.stringify({ email: 'a@b.fr', password: 'x' }),
      headers: { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) },
    });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('validates path parameters', async () => {
    const login = await t.login('parent.demo@example.org');
    const res = await t.request('GET', '/v1/collectivities/ville-de-demo/children/not-a-uuid', { token: login.accessToken });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors[0].path).toBe('params.id');
    // A slug that cannot exist is simply not found.
    expectProblem(await t.request('GET', '/v1/collectivities/NOT_A_SLUG!'), 404, 'not_found');
  });

  it('answers an unknown route and an unknown collectivity with 404 problems', async () => {
    expectProblem(await t.request('GET', '/v1/nothing-here'), 404, 'not_found');
    expectProblem(await t.request('GET', '/v1/collectivities/ville-inconnue'), 404, 'not_found');
  });

  it('never leaks internals in a 500', async () => {
    const app = new Hono<AppEnv>();
    app.use(async (c, next) => {
      c.set('requestId', 'req-test-500');
      await next();
    });
    app.get('/boom', () => {
      throw new Error('password=hunter2 at /srv/foyer/secret.ts:12');
    });
    app.onError(handleError);
    const res = await app.request('/boom');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('secret.ts');
    expect(JSON.parse(text)).toMatchObject({ code: 'internal_error', requestId: 'req-test-500' });
  });
});

describe('request ids', () => {
  it('puts a request id on every response and keeps a sane incoming one', async () => {
    const fresh = await t.request('GET', '/healthz');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'lb-1234567890' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-1234567890');
    const replaced = await t.request('GET', '/healthz', { headers: { 'x-request-id': '<script>' } });
    expect(replaced.headers.get('x-request-id')).not.toBe('<script>');
  });
});

describe('health', () => {
  it('reports the database as up', async () => {
    const res = await t.request('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' });
  });
});
