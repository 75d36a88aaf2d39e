// Widget tests in Debian's headless Chromium, against the real API started for them (see
// test/server/foyer-api-plugin.mjs). Run from the repository root: `npm run test:widgets`.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { foyerApiPlugin, freePort, testNow } from './test/server/foyer-api-plugin.mjs';

const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const port = await freePort();

// One "now" for the API and the browser: Saturday 28 November 2026, noon in Paris, unless
// FOYER_TEST_NOW names another instant (the suites must pass at any date).
const now = testNow(process.env.FOYER_TEST_NOW ?? '2026-11-28T11:00:00.000Z');

export default {
  rootDir: fileURLToPath(new URL('..', import.meta.url)),
  files: ['widgets/test/**/*.test.ts'],
  hostname: 'localhost',
  port,
  nodeResolve: { exportConditions: ['source', 'development', 'browser'] },
  concurrency: 1,
  testsFinishTimeout: 240_000,
  // 30 s a test: the end-to-end ones first ask the API for their days (a sign-in and a
  // calendar read more), and the shared machine can be slow.
  testFramework: { config: { timeout: 30_000 } },
  // Lit says once per file that the tests run its development build: expected, and noise.
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    foyerApiPlugin({ now, pageOrigin: `http://localhost:${port}` }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args },
      // The widgets take "today" from the browser's clock: it shows the API's "now", fixed as
      // the API's is (timers still run), in every page of the context (the payment tab too).
      createPage: async ({ context }) => {
        await context.clock.setFixedTime(new Date(now));
        return context.newPage();
      },
    }),
  ],
};
