import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/app.js';
import { routeIndex, withRouteIndex } from '../src/lib/route-reference.js';
import { startTestApp, type TestApp } from './harness.js';

const DOC = new URL('../../docs/api.md', import.meta.url);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('docs/api.md', () => {
  it('lists every route the API mounts (regenerate with `npm run docs:api`)', async () => {
    const routes = apiRoutes(t.deps);
    const markdown = await readFile(DOC, 'utf8');
    const expected = withRouteIndex(markdown, routeIndex(routes));
    if (process.env.FOYER_UPDATE_DOCS === '1' && expected !== markdown) await writeFile(DOC, expected);
    const current = process.env.FOYER_UPDATE_DOCS === '1' ? expected : markdown;
    const missing = routes
      .map((r) => `| ${r.endpoint.method} | \`${r.endpoint.path}\` |`)
      .filter((line) => !current.includes(line));
    expect(missing, 'routes missing from docs/api.md: run `npm run docs:api`').toEqual([]);
    expect(current).toBe(expected);
  });
});
