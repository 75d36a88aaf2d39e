import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../api/src/lib/listen.js';
import { changeOrigins } from '../../api/src/modules/collectivities/collectivity-admin.js';
import { DEMO, startTestApp, type TestApp } from '../../api/test/harness.js';
import { TEST_NOW } from '../../api/test/test-database.js';

/**
 * The framework examples as an integrator would use them: each is built with Vite against the
 * built `@foyer/widgets` (or, for plain HTML, loads foyer.js from the API), served on its own
 * origin, registered by the collectivity, and driven in Debian's Chromium: the demo parent signs
 * in, the calendar shows, and a day goes into the cart.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE_PLACEHOLDER = 'https://foyer.example.org';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

let t: TestApp;
let apiUrl: string;
let apiServer: Server;
let browser: Browser;
const sites: Server[] = [];
/** Each example's origin, all registered before the first page opens (the API caches its origins a while). */
const origins = new Map<string, string>();

/** Serves a folder on 127.0.0.1 (another origin than the API's `localhost`); `rewrite` adapts HTML. */
async function serveFolder(dir: string, rewrite: (html: string) => string = (html) => html): Promise<string> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/favicon.ico') return void res.writeHead(204).end(); // the browser asks; none is fine
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type });
      res.end(type.startsWith('text/html') ? rewrite(body.toString('utf8')) : body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sites.push(server);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await changeOrigins(t.deps.db, DEMO.collectivities.demo, { add: origin });
  return origin;
}

async function buildExample(name: string): Promise<string> {
  const root = join(ROOT, 'examples', name);
  const outDir = join(tmpdir(), `foyer-example-${name}-${process.pid}`);
  process.env.VITE_FOYER_API = apiUrl;
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** Signs in as the demo parent, waits for the calendar, and puts the first bookable day in the cart. */
async function bookADay(page: Page, origin: string): Promise<void> {
  await page.clock.install({ time: new Date(TEST_NOW) });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${origin}/`);
  await page.locator('foyer-login input[name="email"]').fill(DEMO.parent);
  await page.locator('foyer-login input[name="password"]').fill(DEMO.password);
  await page.locator('foyer-login button[part="submit"]').click();
  const calendar = page.locator('foyer-calendar');
  await calendar
    .locator('button.cell')
    .first()
    .waitFor({ timeout: 30_000 })
    .catch(async (error: unknown) => {
      throw new Error(`no calendar; errors: ${errors.join(' | ')}; page: ${await page.locator('body').textContent()}`, {
        cause: error,
      });
    });
  const bookable = calendar.locator('button.cell.bookable');
  for (let turn = 0; turn < 8 && (await bookable.count()) === 0; turn++) {
    await calendar.getByRole('button', { name: 'Semaines suivantes' }).click();
    await calendar.locator('.loading').waitFor({ state: 'detached' });
  }
  await bookable.first().click();
  await page.locator('foyer-cart [part="checkout"]').waitFor({ timeout: 20_000 });
  // The cart shows the day at once; the status speaks once the API has it. A page closed before
  // that could still deliver its change after the next test has emptied the cart.
  await expect.poll(() => calendar.locator('[part="status"]').textContent(), { timeout: 20_000 }).toMatch(/^Ajouté au panier/);
  expect(errors).toEqual([]);
}

beforeAll(async () => {
  // The widgets' dist, as integrators get it (incremental: nothing is rebuilt when up to date).
  await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'widgets'], { cwd: ROOT });
  t = await startTestApp({ config: { widgetsDir: join(ROOT, 'widgets/dist/') } });
  const listening = await listen(
    async (request) =>
      t.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: ['GET', 'HEAD'].includes(request.method) ? undefined : await request.arrayBuffer(),
      }),
    { port: 0, hostname: '127.0.0.1' },
  );
  apiServer = listening.server as Server;
  apiUrl = `http://localhost:${listening.port}`;
  origins.set(
    'plain-html',
    await serveFolder(join(ROOT, 'examples/plain-html'), (html) => html.replaceAll(EXAMPLE_PLACEHOLDER, apiUrl)),
  );
  for (const name of ['react', 'vue']) origins.set(name, await serveFolder(await buildExample(name)));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  for (const server of sites) server.close();
  apiServer?.close();
  await t?.close();
});

async function emptyCart(): Promise<void> {
  const { accessToken } = await t.login(DEMO.parent);
  const emptied = await t.request('DELETE', `/v1/collectivities/${DEMO.collectivities.demo}/cart`, { token: accessToken });
  expect(emptied.status).toBeLessThan(300);
}

describe('examples', () => {
  it('plain HTML on another origin: foyer.js from the API, sign in, calendar, a day in the cart', async () => {
    await emptyCart();
    const origin = origins.get('plain-html') ?? '';
    const page = await browser.newPage();
    try {
      await bookADay(page, origin);
    } finally {
      await page.close();
    }
  }, 120_000);

  for (const name of ['react', 'vue']) {
    it(`${name} (Vite): built, signs in, shows the calendar, puts a day in the cart, and hears Foyer's events`, async () => {
      await emptyCart();
      const origin = origins.get(name) ?? '';
      const page = await browser.newPage();
      try {
        await bookADay(page, origin);
        await expect.poll(() => page.locator('#summary').textContent()).toMatch(/— 1 changement\(s\) dans le panier/);
      } finally {
        await page.close();
      }
    }, 120_000);
  }
});
