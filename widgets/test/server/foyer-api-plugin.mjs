// A web-test-runner plugin that runs the real Foyer API beside the test server: in-process, on
// PGlite in memory, seeded with the demo towns, its clock fixed, the test page's origin
// registered as an embedding origin. Tests read where it is at `/__foyer/api` and drive what a
// browser test cannot reach alone (emails, the demo payment page in another tab) through
// server commands.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A port nobody listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The tests' "now" as one canonical ISO instant (`2026-12-04T09:00:00Z` and
 * `2026-12-04T10:00:00+01:00` are the same snapshot); refuses what is not an instant, so that a
 * mistyped FOYER_TEST_NOW fails at once instead of seeding an "Invalid Date".
 */
export function testNow(value) {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`FOYER_TEST_NOW must be an ISO instant, not ${value}`);
  return instant.toISOString();
}

const cacheDir = `${root}node_modules/.cache/foyer-widget-tests/`;

async function loadApi() {
  const api = JSON.parse(await readFile(`${root}api/package.json`, 'utf8'));
  // One bundle per process: two runs at once (two FOYER_TEST_NOW) never import a half-written one.
  const outfile = `${cacheDir}api-${process.pid}.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL('./api-entry.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    conditions: ['source'],
    external: Object.keys(api.dependencies).filter((name) => !name.startsWith('@foyer/')),
    logLevel: 'warning',
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  });
  try {
    return { api: await import(`${pathToFileURL(outfile).href}?${Date.now()}`), code: await readFile(outfile) };
  } finally {
    await rm(outfile, { force: true });
  }
}

/**
 * The seeded database, from a snapshot when one was made by the same API code for the same
 * "now" (seeding takes seconds; loading a snapshot, under one). Every seeded date is relative
 * to "now", so the key holds both; the snapshot is taken before the test origin is added and
 * before any test runs, and is written under a temporary name then renamed, so that a run
 * started meanwhile (another FOYER_TEST_NOW) never reads half a file.
 */
async function openFoyer(api, code, config, clock, now) {
  const key = createHash('sha256').update(code).update(now).digest('hex').slice(0, 16);
  const file = `${cacheDir}seeded-${key}.tar.gz`;
  const logger = api.createLogger('silent');
  const snapshot = await readFile(file).catch(() => null);
  if (snapshot) {
    return api.startFoyer(
      { ...config, database: { kind: 'pglite', dataDir: undefined, snapshot: new Blob([snapshot]) } },
      logger,
      clock,
    );
  }
  // Past the shipped school calendar, the API suite's TEST FIXTURE fills the missing years.
  const today = api.localDateOf(new Date(now), 'Europe/Paris');
  const foyer = await api.startFoyer(config, logger, clock, {
    afterMigrations: (db) => api.installTestSchoolCalendar(db, today),
  });
  const dump = await foyer.database.pglite.dumpDataDir('gzip');
  await mkdir(cacheDir, { recursive: true });
  for (const old of await readdir(cacheDir)) if (old.startsWith('seeded-')) await rm(`${cacheDir}${old}`, { force: true });
  const partial = `${cacheDir}partial-${key}-${process.pid}.tar.gz`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, file);
  return foyer;
}

/**
 * What the back office's bookings screen works through, in the demo town, away from the demo
 * parents' households (other tests read their calendars): a full activity-day of the coming
 * two months with two new children of another family waiting (the earlier first), and two coming
 * days cancelled past the deadline.
 */
async function officeDayFixture({ db, clock }, today) {
  const town = await db.selectFrom('collectivities').select('id').where('slug', '=', 'ville-de-demo').executeTakeFirstOrThrow();
  // The screen's default period: today and the next 61 days (the API's waiting lists).
  const last = new Date(Date.parse(`${today}T12:00:00Z`) + 61 * 86_400_000).toISOString().slice(0, 10);
  const activities = await db
    .selectFrom('activities')
    .select(['id', 'capacity', 'name'])
    .where('collectivity_id', '=', town.id)
    .where('capacity', 'is not', null)
    .execute();
  const counts = await db
    .selectFrom('bookings')
    .select((eb) => ['activity_id', 'date', eb.fn.countAll().as('n')])
    .where('collectivity_id', '=', town.id)
    .where('status', 'in', ['booked', 'pending_payment', 'cancel_requested'])
    .where('date', '>', today)
    .where('date', '<=', last)
    .where(
      'activity_id',
      'in',
      activities.map((a) => a.id),
    )
    .groupBy(['activity_id', 'date'])
    .orderBy('date')
    .execute();
  const full = counts.find((c) => Number(c.n) >= (activities.find((a) => a.id === c.activity_id)?.capacity ?? Infinity));
  if (!full) throw new Error('no full activity-day in the coming two months of the demo town');
  const parents = db
    .selectFrom('memberships as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select('m.household_id')
    .where('a.email', 'like', 'parent%.demo@example.org')
    .where('m.household_id', 'is not', null);
  // Two children of a family away from the demo parents, new to the town: on no list yet.
  const family = await db
    .selectFrom('households')
    .select('id')
    .where('collectivity_id', '=', town.id)
    .where('id', 'not in', parents)
    .orderBy('name')
    .executeTakeFirstOrThrow();
  const waiting = await db
    .insertInto('children')
    .values(
      [
        ['Inès', 'ATTENTE'],
        ['Noé', 'ATTENTE'],
      ].map(([first, last]) => ({
        collectivity_id: town.id,
        household_id: family.id,
        first_name: first,
        last_name: last,
        birth_date: '2018-03-14',
        authorised_pickups: JSON.stringify([]),
      })),
    )
    .returning(['id', 'household_id', 'first_name', 'last_name'])
    .execute();
  const now = clock.now().getTime();
  for (const [i, child] of waiting.entries()) {
    await db
      .insertInto('bookings')
      .values({
        collectivity_id: town.id,
        household_id: child.household_id,
        child_id: child.id,
        activity_id: full.activity_id,
        date: full.date,
        status: 'waitlisted',
        price_cents: 1200,
        waitlisted_at: new Date(now - (2 - i) * 86_400_000),
        // Stamped by the clock, as the API does (migration 0032).
        created_at: new Date(now - (2 - i) * 86_400_000),
      })
      .execute();
  }
  const late = await db
    .selectFrom('bookings as b')
    .innerJoin('children as ch', 'ch.id', 'b.child_id')
    .select(['b.id', 'ch.first_name', 'ch.last_name'])
    .where('b.collectivity_id', '=', town.id)
    .where('b.status', '=', 'booked')
    .where('b.date', '>', today)
    .where('b.price_cents', '>', 0)
    .where('b.activity_id', '!=', full.activity_id)
    .where('b.household_id', 'not in', parents)
    .orderBy('b.date')
    .orderBy('b.id')
    .limit(2)
    .execute();
  for (const booking of late) {
    await db
      .updateTable('bookings')
      .set({ status: 'cancel_requested', cancel_reason: 'Sortie scolaire', updated_at: new Date(now) })
      .where('id', '=', booking.id)
      .execute();
  }
  return {
    waitlist: {
      activityId: full.activity_id,
      date: full.date,
      children: waiting.map((c) => ({ firstName: c.first_name, lastName: c.last_name })),
    },
    late: late.map((b) => ({ bookingId: b.id, firstName: b.first_name, lastName: b.last_name })),
  };
}

/**
 * @param {{ now: string, pageOrigin: string }} options `now`: the API's fixed time;
 * `pageOrigin`: the test pages' origin, allowed to call the API.
 */
export function foyerApiPlugin({ now, pageOrigin }) {
  let foyer;
  let server;
  let apiUrl;
  let api;
  return {
    name: 'foyer-api',
    async serverStart() {
      const started = performance.now();
      const loaded = await loadApi();
      api = loaded.api;
      const port = await freePort();
      apiUrl = `http://localhost:${port}`;
      const config = api.loadConfig({
        NODE_ENV: 'test',
        PORT: String(port),
        FOYER_PUBLIC_URL: apiUrl,
        FOYER_DATA_DIR: ':memory:',
        FOYER_SEED_DEMO: 'true',
        FOYER_DEMO_PAYMENTS: 'true',
        // foyer.js and its chunks, as the API serves them to towns' pages (built by `npm run size`).
        FOYER_WIDGETS_DIR: `${root}widgets/dist`,
        LOG_LEVEL: 'silent',
      });
      // Cheap password hashing: the tests sign in dozens of times.
      config.auth.scryptLog2N = 10;
      foyer = await openFoyer(api, loaded.code, config, new api.ManualClock(now), now);
      const { db } = foyer.deps;
      for (const row of await db.selectFrom('collectivities').select(['id', 'embedding_origins']).execute()) {
        await db
          .updateTable('collectivities')
          .set({ embedding_origins: [...row.embedding_origins, pageOrigin] })
          .where('id', '=', row.id)
          .execute();
      }
      server = await new Promise((resolve) => {
        const s = api.serve({ fetch: foyer.app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
      });
      process.stdout.write(`Foyer API for the widget tests at ${apiUrl} (${Math.round(performance.now() - started)} ms)\n`);
    },
    async serverStop() {
      await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
      await foyer?.close();
      await foyer?.database.close();
    },
    serve(context) {
      if (context.path === '/__foyer/api') return { body: JSON.stringify({ url: apiUrl, now }), type: 'json' };
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'foyer-latest-email') {
        await api.drainOutbox(foyer.deps, api.emailHandler(foyer.deps.mailer));
        const mail = foyer.deps.devMailbox.latestTo(payload.to);
        return mail ? { subject: mail.subject, text: mail.text } : null;
      }
      if (command === 'foyer-oldest-client') {
        // What an operator does after a breaking change: older foyer.js files are told so.
        foyer.deps.config.oldestClientRevision = payload.revision;
        return true;
      }
      if (command === 'foyer-embedding-origins') {
        const { db } = foyer.deps;
        await db
          .updateTable('collectivities')
          .set({ embedding_origins: payload.origins })
          .where('slug', '=', payload.collectivity)
          .execute();
        return true;
      }
      if (command === 'foyer-offline') {
        // The roll call's "network cut halfway": every request of the page's context to the API
        // fails as it does offline (Playwright's setOffline would also cut the test runner's own
        // channel to the page, and the test could never reconnect).
        const context = session.browser.getPage(session.id).context();
        const pattern = `${apiUrl}/**`;
        if (payload.offline) await context.route(pattern, (route) => route.abort('internetdisconnected'));
        else await context.unroute(pattern);
        return true;
      }
      if (command === 'foyer-attendance-marks') {
        // The marks the API stored for an activity's day, per child: what "arrived exactly once" is checked on.
        const rows = await foyer.deps.db
          .selectFrom('attendance_marks as m')
          .innerJoin('bookings as b', (j) =>
            j.onRef('b.collectivity_id', '=', 'm.collectivity_id').onRef('b.id', '=', 'm.booking_id'),
          )
          .select(['b.child_id', 'm.attendance', 'm.version'])
          .where('b.activity_id', '=', payload.activityId)
          .where('b.date', '=', payload.date)
          .orderBy('m.version')
          .execute();
        return rows.map((r) => ({ childId: r.child_id, attendance: r.attendance, version: r.version }));
      }
      if (command === 'foyer-agent') {
        // A new agent of `collectivity` with `role` and the demo password (its hash reused): the
        // second demo town has no agent of its own in the seed.
        const { db } = foyer.deps;
        const town = await db
          .selectFrom('collectivities')
          .select('id')
          .where('slug', '=', payload.collectivity)
          .executeTakeFirstOrThrow();
        const { password_hash } = await db
          .selectFrom('accounts')
          .select('password_hash')
          .where('email', '=', 'agent.demo@example.org')
          .executeTakeFirstOrThrow();
        const email = `${payload.role}.${payload.collectivity}.${Math.random().toString(36).slice(2, 10)}@example.org`;
        const account = await db
          .insertInto('accounts')
          .values({ email, display_name: `Agent ${payload.role}`, password_hash })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db.insertInto('account_collectivities').values({ account_id: account.id, collectivity_id: town.id }).execute();
        await db
          .insertInto('memberships')
          .values({ collectivity_id: town.id, account_id: account.id, kind: 'agent', role: payload.role })
          .execute();
        return email;
      }
      if (command === 'foyer-office-day') {
        return officeDayFixture(foyer.deps, api.localDateOf(foyer.deps.clock.now(), 'Europe/Paris'));
      }
      if (command === 'foyer-provider-confirms') {
        // What only a real provider does: confirm a started payment for another amount than the one
        // asked (PayFiP's lookup answers what the payer actually paid). Applied by the code that
        // applies every provider's confirmation; answers the payment's status after it.
        const { db, payments } = foyer.deps;
        const payment = await db
          .selectFrom('payments')
          .select(['provider', 'provider_ref'])
          .where('id', '=', payload.paymentId)
          .executeTakeFirstOrThrow();
        const provider = payments.get(payment.provider);
        const notice = { providerRef: payment.provider_ref, outcome: 'paid', amountCents: payload.amountCents };
        return (await api.settlePayment(foyer.deps, provider, notice)).status;
      }
      if (command === 'foyer-invoice-due') {
        // Time passing for one issued invoice: its due date moved back, as if the month had been
        // billed long ago (the API's clock is one fixed "now" for every test file at once).
        const updated = await foyer.deps.db
          .updateTable('invoices')
          .set({ due_date: payload.dueDate })
          .where('id', '=', payload.invoiceId)
          .where('status', '=', 'issued')
          .executeTakeFirst();
        return Number(updated.numUpdatedRows) === 1;
      }
      if (command === 'foyer-screenshot') {
        // docs/ pictures of what a page shows, retaken on demand: FOYER_SCREENSHOTS=1 npm run test:widgets
        if (!process.env.FOYER_SCREENSHOTS) return true;
        const page = session.browser.getPage(session.id);
        // `media: 'print'` pictures what the printer gets (the kitchen's day sheet).
        if (payload.media) await page.emulateMedia({ media: payload.media });
        try {
          await page
            .locator(payload.selector)
            .first()
            .screenshot({ path: `${root}docs/${payload.file}` });
        } finally {
          if (payload.media) await page.emulateMedia({ media: null });
        }
        return true;
      }
      if (command === 'foyer-pay-demo') {
        // The parent's tab goes to the hosted page, presses a button, and comes back.
        const page = session.browser.getPage(session.id);
        const tab = await page.context().newPage();
        try {
          await tab.goto(payload.url);
          await tab
            .getByRole('button', { name: payload.choice === 'refuse' ? 'Refuser le paiement' : 'Payer', exact: true })
            .click();
          await tab.waitForURL(/foyer-payment=/);
          return tab.url();
        } finally {
          await tab.close();
        }
      }
      return undefined;
    },
  };
}
