import { type ClientOptions, createClient, type FoyerClient } from '@foyer/sdk';
import { createApp } from '../../api/src/app.js';
import { DEMO, startTestApp, type TestApp } from '../../api/test/harness.js';

export { DEMO };

/** The real API in-process on its own copy of the seeded database, and clients that reach it. */
export interface SdkTestApp {
  t: TestApp;
  /** Every request the clients sent, as `METHOD /path?query`. */
  sent: string[];
  /** How many requests went to a path (query ignored). */
  count(method: string, path: string): number;
  /** A client of `ville-de-demo` whose `fetch` calls the app in-process. */
  client(options?: Partial<ClientOptions>): FoyerClient;
  close(): Promise<void>;
}

export async function startSdkTestApp(): Promise<SdkTestApp> {
  const t = await startTestApp();
  const app = createApp(t.deps);
  const sent: string[] = [];
  return {
    t,
    sent,
    count: (method, path) => sent.filter((line) => line.split('?')[0] === `${method} ${path}`).length,
    client: (options) =>
      createClient({
        baseUrl: 'http://foyer.test',
        collectivity: DEMO.collectivities.demo,
        fetch: async (url, init) => {
          const { pathname, search } = new URL(url);
          sent.push(`${init.method} ${pathname}${search}`);
          return app.request(url, init);
        },
        ...options,
      }),
    close: () => t.close(),
  };
}
