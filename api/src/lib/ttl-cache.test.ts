import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-11-27T07:00:00Z'), toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  it('loads a key once while it is fresh, and again once it has expired', async () => {
    const cache = new TtlCache<string, number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load)])).toEqual([1, 1]);
    vi.advanceTimersByTime(1001);
    expect(await cache.getOrLoad('k', load)).toBe(2);
  });

  it('with serveStale, answers the expired value at once while one reload runs behind it', async () => {
    const cache = new TtlCache<string, string>(1000, 100, { serveStale: true });
    await cache.getOrLoad('k', async () => 'v1');
    vi.advanceTimersByTime(1500);
    let release: (value: string) => void = () => {};
    let reloads = 0;
    const slowReload = () => {
      reloads++;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };
    // Both callers get the stale value without waiting; one reload only.
    expect(await Promise.all([cache.getOrLoad('k', slowReload), cache.getOrLoad('k', slowReload)])).toEqual(['v1', 'v1']);
    expect(reloads).toBe(1);
    release('v2');
    await Promise.resolve();
    expect(await cache.getOrLoad('k', slowReload)).toBe('v2');
  });

  it('with serveStale, waits for the load once the value is older than two TTLs', async () => {
    const cache = new TtlCache<string, string>(1000, 100, { serveStale: true });
    await cache.getOrLoad('k', async () => 'v1');
    vi.advanceTimersByTime(2001);
    expect(await cache.getOrLoad('k', async () => 'v2')).toBe('v2');
  });

  it('keeps the stale value when its reload fails, and tries again on the next call', async () => {
    const cache = new TtlCache<string, string>(1000, 100, { serveStale: true });
    await cache.getOrLoad('k', async () => 'v1');
    vi.advanceTimersByTime(1500);
    expect(await cache.getOrLoad('k', () => Promise.reject(new Error('database down')))).toBe('v1');
    await Promise.resolve();
    await Promise.resolve();
    expect(await cache.getOrLoad('k', async () => 'v2')).toBe('v1');
    await Promise.resolve();
    expect(await cache.getOrLoad('k', async () => 'v3')).toBe('v2');
  });
});
