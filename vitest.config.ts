import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sdkSource = (file: string) => fileURLToPath(new URL(`sdk/src/${file}`, import.meta.url));

// One config for the API and SDK suites. `source` resolves workspace packages to their
// TypeScript sources, so tests never run against a stale build. The global setup is loaded
// without that condition (vitest-dev/vitest#9429): the aliases send @foyer/sdk to its sources
// there too, so `npx vitest run` works on a fresh clone before anything is built.
export default defineConfig({
  resolve: {
    conditions: ['source'],
    alias: [
      { find: /^@foyer\/sdk$/, replacement: sdkSource('index.ts') },
      { find: /^@foyer\/sdk\/contract$/, replacement: sdkSource('contract/index.ts') },
      { find: /^@foyer\/sdk\/admin$/, replacement: sdkSource('admin.ts') },
    ],
  },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['api/src/**/*.test.ts', 'api/test/**/*.test.ts', 'sdk/**/*.test.ts', 'examples/test/**/*.test.ts'],
    globalSetup: ['api/test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
