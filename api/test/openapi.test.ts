import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/app.js';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const res = await t.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists every implemented route with its method', async () => {
    const res = await t.request('GET', '/openapi.json');
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(res.body.paths as Record<string, object>)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const implemented = apiRoutes(t.deps).map((r) => `${r.endpoint.method} ${r.endpoint.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(implemented.length).toBeGreaterThan(10);
    expect(implemented.filter((route) => !documented.has(route))).toEqual([]);
    for (const path of ['/v1/auth/login', '/v1/auth/refresh', '/v1/me', '/healthz', '/.well-known/jwks.json']) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
  });

  it('documents the multipart upload and the binary downloads, not as JSON', async () => {
    const { paths } = (await t.request('GET', '/openapi.json')).body;
    const upload = paths['/v1/collectivities/{c}/attachments'].post;
    const multipart = upload.requestBody.content['multipart/form-data'];
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
    expect(multipart.schema.required).toEqual(['file']);
    expect(multipart.schema.properties.file.contentMediaType).toBe('application/octet-stream');
    expect(multipart.encoding.file.contentType).toBe('application/pdf, image/jpeg, image/png');
    expect(Object.keys(upload.responses['201'].content)).toEqual(['application/json']);

    for (const path of ['/v1/collectivities/{c}/attachments/{id}', '/v1/collectivities/{c}/admin/attachments/{id}']) {
      expect(Object.keys(paths[path].get.responses['200'].content)).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    }
    const feed = paths['/ical/{feed}'].get;
    expect(feed.security).toEqual([]);
    expect(Object.keys(feed.responses['200'].content)).toEqual(['text/calendar']);
  });

  it('serves an interactive reference from its own origin', async () => {
    const res = await t.request('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.body).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    expect((await t.request('GET', '/docs/init.js')).body).toContain('/openapi.json');
    const asset = await t.request('GET', '/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });
});
