import { defineConfig } from 'vitest/config';

// One config for the API and SDK suites. `source` resolves workspace packages to their
// TypeScript sources, so tests never run against a stale build. The global setup is loaded
// without that condition (vitest-dev/vitest#9429): it takes @foyer/sdk from sdk/dist, which
// `npm test` builds first (scripts/build.mjs sdk: nothing to do when it is up to date).
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['api/src/**/*.test.ts', 'api/test/**/*.test.ts', 'sdk/**/*.test.ts', 'examples/test/**/*.test.ts'],
    globalSetup: ['api/test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
