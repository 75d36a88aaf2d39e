import { type ClientOptions, createClient, type Fetch, type FoyerClient } from '@foyer/sdk';
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
  /** The `fetch` the clients use by default: the app in-process, recording into `sent`. Wrap it to disturb the network. */
  fetch: Fetch;
  /** A client of `ville-de-demo` whose `fetch` calls the app in-process. */
  client(options?: Partial<ClientOptions>): FoyerClient;
  close(): Promise<void>;
}

export async function startSdkTestApp(): Promise<SdkTestApp> {
  const t = await startTestApp();
  const app = createApp(t.deps);
  const sent: string[] = [];
  const fetch: Fetch = async (url, init) => {
    const { pathname, search } = new URL(url);
    sent.push(`${init.method} ${pathname}${search}`);
    return app.request(url, init);
  };
  return {
    t,
    sent,
    count: (method, path) => sent.filter((line) => line.split('?')[0] === `${method} ${path}`).length,
    fetch,
    client: (options) =>
      createClient({ baseUrl: 'http://foyer.test', collectivity: DEMO.collectivities.demo, fetch, ...options }),
    close: () => t.close(),
  };
}
