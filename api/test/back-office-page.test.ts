import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backOfficePage } from '../src/modules/back-office/back-office.page.js';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the back office page', () => {
  it('serves /admin/ with the back office in a provider of this server', async () => {
    const res = await t.fetch('/admin/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('<script type="module" src="/foyer-admin.js"></script>');
    expect(page).toMatch(/<foyer-provider api="\/" collectivity="[a-z0-9-]+"/);
    expect(page).toContain('<foyer-admin-app heading-level="1">');
  });

  it('opens in the collectivity the address names, and ignores what is not a slug', async () => {
    expect(await (await t.fetch('/admin/?c=saint-exemple')).text()).toContain('collectivity="saint-exemple"');
    const odd = await (await t.fetch('/admin/?c=%22%3E%3Cscript%3E')).text();
    expect(odd).not.toContain('<script>');
    expect(odd).toMatch(/collectivity="[a-z0-9-]+"/);
  });

  it('sends /admin to /admin/', async () => {
    const res = await t.fetch('/admin', { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/admin/');
  });

  it('says how to create the first collectivity when there is none', () => {
    const page = backOfficePage(undefined);
    expect(page).toContain('npx foyer collectivity create');
    expect(page).not.toContain('<foyer-admin-app');
  });
});
