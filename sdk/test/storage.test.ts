import { createClient, type Fetch } from '@foyer/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from './fake-fetch.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A Web Storage area in memory, as a browser tab has. */
function fakeWebStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

const session = (n: number) => ({
  tokenType: 'Bearer',
  accessToken: `access-${n}`,
  expiresIn: 600,
  refreshToken: `refresh-${n}`,
  refreshExpiresAt: '2026-11-27T19:00:00.000Z',
});
const KEY = 'foyer:refresh-token:https://api.foyer.test';
const client = (fetch: Fetch) => createClient({ baseUrl: 'https://api.foyer.test', fetch, storage: 'sessionStorage' });

describe('sessionStorage', () => {
  it("keeps the refresh token in the tab's session storage, and resumes from it after a reload", async () => {
    const storage = fakeWebStorage();
    vi.stubGlobal('sessionStorage', storage);
    await client(fakeFetch(json(200, session(1)))).auth.login({ email: 'a@example.org', password: 'secret' });
    expect(storage.getItem(KEY)).toBe('refresh-1');
    expect([...Array(storage.length).keys()].map((i) => storage.getItem(storage.key(i) ?? ''))).toEqual(['refresh-1']);

    const fetch = fakeFetch(json(200, session(2)), json(200, { ok: true }));
    const reloaded = client(fetch);
    expect(await reloaded.auth.resume()).toBe(true);
    expect(fetch.requests[0]?.body).toEqual({ refreshToken: 'refresh-1' });
    expect(storage.getItem(KEY)).toBe('refresh-2');

    await reloaded.auth.logout();
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('is refused where there is no session storage', () => {
    vi.stubGlobal('sessionStorage', undefined);
    expect(() => client(fakeFetch())).toThrow(TypeError);
  });
});
