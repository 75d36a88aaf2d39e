// Issue #12's "done when": from an EMPTY PostgreSQL database, only with `npx foyer` (real child
// processes) and the back office in a real browser (Debian's Chromium through Playwright), a town
// goes live: created, its origin registered, an admin invited who activates from the emailed
// link, a service, a site and an activity created in the back office, 3 families imported from a
// CSV there, and one of their parents, activated from the emailed link, books a day on the town's
// own page (served from the registered origin, embedding foyer.js).
//
// The API runs in this process on the real database with the suite's clock (TEST_NOW), as the
// widget tests' server does; the CLI follows the same "now" (FOYER_TEST_NOW under NODE_ENV=test).
// The browser shows that "now" too. Days are never named: the parent clicks a day the API's
// calendar offers as bookable.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { addDays } from '../src/domain/index.js';
import { localDateOf } from '../src/domain/zoned-time.js';
import { ManualClock } from '../src/lib/clock.js';
import { createLogger } from '../src/lib/logger.js';
import { type Foyer, startFoyer } from '../src/main.js';
import { drainOutbox, emailHandler } from '../src/modules/mail/outbox-worker.js';
import { runFoyer } from './foyer-cli.js';
import { missingSchoolCalendar } from './school-calendar-fixture.js';
import { databaseUrl, TEST_NOW, TEST_PASSWORDS, withAdmin } from './test-database.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const adminUrl = process.env.DATABASE_URL;
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const SLUG = 'ville-de-bout-en-bout';
const TOWN = 'Ville de Bout-en-Bout';
const ADMIN_EMAIL = 'dgs@bout-en-bout.example.org';
const PARENT_EMAIL = 'claire.martin@example.org';
const PASSWORD = 'un mot de passe de test';
const TODAY = localDateOf(new Date(TEST_NOW), 'Europe/Paris');

async function freePort(): Promise<number> {
  const { createServer: createNetServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The town's own page, as its web team writes it: foyer.js from Foyer's address, the town's slug. */
function townPage(apiUrl: string): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Enfance — ${TOWN}</title>
<script type="module" src="${apiUrl}/foyer.js"></script></head>
<body><main><h1>Enfance et jeunesse</h1>
<foyer-provider api="${apiUrl}" collectivity="${SLUG}">
  <foyer-login heading-level="2"></foyer-login>
  <foyer-calendar heading-level="2" weeks="2"></foyer-calendar>
  <foyer-cart heading-level="2"></foyer-cart>
</foyer-provider></main></body></html>`;
}

const FAMILIES_CSV = (activityCode: string) =>
  [
    'id_famille;nom_foyer;quotient_familial;responsable_prenom;responsable_nom;responsable_email;enfant_prenom;enfant_nom;enfant_naissance;ecole;classe;activite',
    `BEB-1;Famille Martin;450;Claire;Martin;${PARENT_EMAIL};Inès;Martin;12/03/2018;École Jules-Ferry;CE1;${activityCode}`,
    `BEB-2;Famille Nguyen;900;Paul;Nguyen;paul.nguyen@example.org;Linh;Nguyen;05/09/2017;École Jules-Ferry;CE2;${activityCode}`,
    `BEB-3;Famille Roux;1200;Sophie;Roux;sophie.roux@example.org;Hugo;Roux;21/01/2019;École Jules-Ferry;CP;${activityCode}`,
  ].join('\r\n');

/** Waits until the element shows `text` (shadow roots included), as a person waits to read it. */
async function shows(where: Locator, text: string, timeout = 30_000): Promise<void> {
  await where.getByText(text).first().waitFor({ timeout });
}

// Two processes (the CLI and the server) cannot share an embedded PGlite folder, and the issue
// asks for PostgreSQL: without DATABASE_URL this file says so and skips.
if (!adminUrl) {
  describe('a town goes live without SQL (issue #12)', () => {
    it.skip('needs PostgreSQL: set DATABASE_URL (the CLI and the server cannot share an embedded PGlite)', () => {});
  });
}

describe.skipIf(!adminUrl)('a town goes live without SQL (issue #12, on PostgreSQL)', { timeout: 300_000 }, () => {
  const name = `foyer_live_${process.pid}`;
  let dbUrl: string;
  let foyer: Foyer;
  let api: ServerType;
  let apiUrl: string;
  let town: Server;
  let townUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let work: string;

  /** `npx foyer …` as the town's operator runs it, on the same settings as the server. */
  const foyerCli = (args: string[]) =>
    runFoyer([...args, '--json'], {
      DATABASE_URL: dbUrl,
      FOYER_PUBLIC_URL: apiUrl,
      NODE_ENV: 'test',
      FOYER_TEST_NOW: TEST_NOW,
    });

  /** The latest email to `to` (the server's dev mailbox, once the outbox has sent what is due). */
  async function latestEmail(to: string): Promise<string> {
    await drainOutbox(foyer.deps, emailHandler(foyer.deps.mailer));
    const mail = foyer.deps.devMailbox?.latestTo(to);
    if (!mail) throw new Error(`no email to ${to}`);
    return mail.text;
  }
  const linkIn = (text: string) => text.match(/https?:\/\/\S+#foyer-[a-z-]+=[A-Za-z0-9_-]+/)?.[0] ?? '';

  beforeAll(async () => {
    // foyer.js and foyer-admin.js as the server serves them (rebuilt only when their sources changed).
    await promisify(execFile)(process.execPath, ['scripts/build.mjs', 'widgets', '--bundle-only'], { cwd: root });
    await withAdmin(adminUrl as string, async (sql) => {
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.unsafe(`create database ${name}`);
    });
    dbUrl = databaseUrl(adminUrl as string, name);
    const [apiPort, townPort] = [await freePort(), await freePort()];
    apiUrl = `http://localhost:${apiPort}`;
    townUrl = `http://localhost:${townPort}`;
    town = createServer((req, res) => {
      if (req.url?.startsWith('/enfance')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(townPage(apiUrl));
      } else res.writeHead(404).end();
    }).listen(townPort, '127.0.0.1');
    work = await mkdtemp(join(tmpdir(), 'foyer-live-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
    context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    // The widgets take "today" from the browser: it shows the API's "now".
    await context.clock.setFixedTime(new Date(TEST_NOW));
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    town?.close();
    await new Promise((resolve) => (api ? api.close(resolve) : resolve(undefined)));
    await foyer?.close();
    await foyer?.database.close();
    if (work) await rm(work, { recursive: true, force: true });
    if (adminUrl) await withAdmin(adminUrl, (sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
  });

  it('the operator creates the town, registers its origin and invites its admin with `npx foyer` alone', async () => {
    const migrate = await foyerCli(['migrate']);
    expect(migrate.code, migrate.stderr).toBe(0);
    // Past the shipped school calendar, the suite's TEST FIXTURE, imported as an operator would.
    const missing = await missingSchoolCalendar(TODAY);
    if (missing) {
      await writeFile(join(work, 'calendrier.csv'), missing.csv);
      const imported = await foyerCli(['school-calendar', 'import', join(work, 'calendrier.csv')]);
      expect(imported.code, imported.stderr).toBe(0);
    }
    const created = await foyerCli([
      'collectivity',
      'create',
      SLUG,
      TOWN,
      '--zone',
      'A',
      '--portal-url',
      `${townUrl}/enfance.html`,
    ]);
    expect(created.code, created.stderr).toBe(0);
    const origin = await foyerCli(['origin', 'add', SLUG, townUrl]);
    expect(origin.code, origin.stderr).toBe(0);
    expect((await foyerCli(['origin', 'list', SLUG])).stdout).toContain(townUrl);

    // The server starts on the database the CLI prepared: nothing to migrate, nothing seeded.
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: dbUrl,
      PORT: new URL(apiUrl).port,
      FOYER_PUBLIC_URL: apiUrl,
      FOYER_DEV_MAILBOX: 'true',
      FOYER_WIDGETS_DIR: `${root}widgets/dist`,
      LOG_LEVEL: 'silent',
    });
    config.passwords = TEST_PASSWORDS;
    foyer = await startFoyer(config, createLogger('silent'), new ManualClock(TEST_NOW));
    api = serve({ fetch: foyer.app.fetch, port: Number(new URL(apiUrl).port), hostname: '127.0.0.1' });

    const invited = await foyerCli(['agent', 'invite', SLUG, ADMIN_EMAIL, '--role', 'admin']);
    expect(invited.code, invited.stderr).toBe(0);
    expect(invited.json()).toMatchObject({ email: ADMIN_EMAIL, role: 'admin', status: 'invited' });
  });

  it('the admin chooses a password from the emailed link and signs in to the back office', async () => {
    const email = await latestEmail(ADMIN_EMAIL);
    expect(email).toContain(TOWN);
    const link = linkIn(email);
    expect(link).toContain(`${apiUrl}/admin/#foyer-reset=`);
    await page.goto(link);
    await page.locator('foyer-login #password').fill(PASSWORD);
    await page.locator('foyer-login #confirm').fill(PASSWORD);
    await page.locator('foyer-login button[type="submit"]').click();
    await page.locator('foyer-login #email').waitFor();
    await page.locator('foyer-login #email').fill(ADMIN_EMAIL);
    await page.locator('foyer-login #password').fill(PASSWORD);
    await page.locator('foyer-login button[type="submit"]').click();
    await page.getByRole('link', { name: 'Catalogue' }).waitFor();
  });

  it('the admin creates a service, a site and an activity in the Catalogue', async () => {
    await page.getByRole('link', { name: 'Catalogue' }).click();
    await page.getByRole('tab', { name: 'Services' }).click();
    await page.locator('#services-details > summary').click();
    await page.locator('#s-name').fill('Restauration scolaire');
    await page.locator('#s-kind').selectOption('canteen');
    await page.locator('#services-form button[type="submit"]').click();
    await shows(page.locator('foyer-admin-catalog tbody'), 'Restauration scolaire');

    await page.getByRole('tab', { name: 'Sites' }).click();
    await page.locator('#sites-details > summary').click();
    await page.locator('#si-name').fill('École Jules-Ferry');
    await page.locator('#si-line1').fill('1 place de la Mairie');
    await page.locator('#si-postal').fill('21000');
    await page.locator('#si-city').fill('Bout-en-Bout');
    await page.locator('#sites-form button[type="submit"]').click();
    await shows(page.locator('foyer-admin-catalog tbody'), 'École Jules-Ferry');

    await page.getByRole('tab', { name: 'Activités' }).click();
    await page.locator('#activities-details > summary').click();
    await page.locator('#a-service').selectOption({ label: 'Restauration scolaire' });
    await page.locator('#a-site').selectOption({ label: 'École Jules-Ferry' });
    await page.locator('#a-code').fill('CANTINE-JF');
    await page.locator('#a-name').fill('Cantine Jules-Ferry');
    // Every day of the week, holidays included, no deadline: whatever the date of the run, the
    // next two weeks hold days the parent can book.
    for (let d = 1; d <= 7; d++) await page.locator(`#a-weekday-${d}`).check();
    await page.locator('#a-holidays').selectOption('open');
    await page.locator('#a-seasonFrom').fill(addDays(TODAY, -30));
    await page.locator('#a-seasonTo').fill(addDays(TODAY, 180));
    await page.locator('#bookingDeadline-kind').selectOption('none');
    await page.locator('#cancellationDeadline-kind').selectOption('none');
    await page.locator('#a-tier-0-max').fill('800');
    await page.locator('#a-tier-0-amount').fill('1,50');
    await page.locator('#a-tier-1-amount').fill('3');
    await page.locator('#activities-form button[type="submit"]').click();
    await shows(page.locator('foyer-admin-catalog tbody'), 'CANTINE-JF');
  });

  it('the admin imports 3 families from a CSV, sending their invitations', async () => {
    await page.getByRole('link', { name: 'Import' }).click();
    await page.locator('foyer-admin-import #file').setInputFiles({
      name: 'familles.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${FAMILIES_CSV('CANTINE-JF')}`, 'utf8'),
    });
    await page.locator('foyer-admin-import #sendInvitations').check();
    await page.locator('foyer-admin-import button[value="import"]').click();
    await shows(page.locator('foyer-admin-import'), 'Import terminé', 60_000);
    const job = await page
      .locator('foyer-admin-import')
      .evaluate((el) => (el as unknown as { job: { report: unknown } }).job.report);
    expect(job).toMatchObject({ families: 3, created: 3, failed: 0, invitationsSent: 3 });
  });

  it("a parent activates from the emailed link and books a day on the town's own page", async () => {
    const email = await latestEmail(PARENT_EMAIL);
    const link = linkIn(email);
    expect(link).toContain(`${townUrl}/enfance.html#foyer-invitation=`);
    const parent = await context.newPage();
    await parent.goto(link);
    const login = parent.locator('foyer-login');
    await shows(login, 'Activez votre espace famille');
    await login.locator('#firstName').fill('Claire');
    await login.locator('#lastName').fill('Martin');
    await login.locator('#password').fill(PASSWORD);
    await login.locator('#confirm').fill(PASSWORD);
    await login.locator('button[type="submit"]').click();
    await shows(login, 'Claire Martin');

    // A day the API's calendar offers Inès (the cell the calendar shows as bookable), then Valider.
    const calendar = parent.locator('foyer-calendar');
    const day = calendar.locator('button.cell.bookable').first();
    await day.waitFor();
    const key = (await day.getAttribute('data-key')) ?? '';
    const date = key.split('|')[1] ?? '';
    expect(date >= TODAY).toBe(true);
    await day.click();
    const cart = parent.locator('foyer-cart');
    await shows(cart, 'INÈS MARTIN — 1 CANTINE JULES-FERRY');
    // Quotient 450: the first tier's price.
    await shows(cart, '1,50');
    await cart.locator('button[part="checkout"]').click();
    await shows(cart, 'Demande enregistrée');
    await calendar.locator(`button.cell.booked[data-key="${key}"]`).waitFor();

    // Booked in the town's database, for Inès, on that day.
    const rows = await foyer.deps.db
      .selectFrom('bookings as b')
      .innerJoin('children as c', (j) => j.onRef('c.id', '=', 'b.child_id').onRef('c.collectivity_id', '=', 'b.collectivity_id'))
      .innerJoin('collectivities as t', 't.id', 'b.collectivity_id')
      .select(['c.first_name', 'b.date', 'b.status', 'b.price_cents'])
      .where('t.slug', '=', SLUG)
      .execute();
    expect(rows.map((r) => ({ child: r.first_name, date: String(r.date), status: r.status, price: r.price_cents }))).toEqual([
      { child: 'Inès', date, status: 'booked', price: 150 },
    ]);
  });
});
