import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const widgetsDir = `${root}widgets/dist/`;

describe('foyer.js and its chunks, as towns load them', () => {
  let t: TestApp;
  let chunk: string;
  beforeAll(async () => {
    // What `npm start` builds (nothing when foyer.js is up to date).
    await promisify(execFile)(process.execPath, ['scripts/build.mjs', 'widgets', '--bundle-only'], { cwd: root });
    const chunks = (await readdir(`${widgetsDir}foyer.js.chunks`)).filter((file) => file.endsWith('.js'));
    chunk = chunks[0] ?? '';
    t = await startTestApp({ config: { widgetsDir } });
  }, 180_000);
  afterAll(() => t?.close());

  it('serves foyer.js with a short cache and an ETag that answers 304 when unchanged', async () => {
    const first = await t.fetch('/foyer.js');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^(W\/)?"[^"]+"$/);
    const again = await t.fetch('/foyer.js', { headers: { 'if-none-match': tag ?? '' } });
    expect(again.status).toBe(304);
  });

  it('serves the hashed chunks immutable for a year', async () => {
    const res = await t.fetch(`/foyer.js.chunks/${chunk}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
