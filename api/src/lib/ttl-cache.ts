/**
 * A small in-process cache with a time to live, a size bound and single-flight loading: ten
 * requests missing the same key at once run the loader once. Only for data that may be a few
 * seconds stale (collectivity settings, activity rules, memberships); a TTL of 0 disables it.
 *
 * With `serveStale`, an entry that expired less than a TTL ago is still answered at once while
 * one reload runs behind it: at 8 a.m. two thousand requests do not all wait for the one that
 * reloads the collectivity. Values are then at most two TTLs old.
 */
export class TtlCache<K, V> {
  readonly #entries = new Map<K, { value: Promise<V>; expires: number; refreshing?: boolean }>();
  readonly #serveStale: boolean;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    options: { serveStale?: boolean } = {},
  ) {
    this.#serveStale = options.serveStale ?? false;
  }

  async getOrLoad(key: K, load: () => Promise<V>): Promise<V> {
    if (this.ttlMs <= 0) return load();
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (hit && this.#serveStale && hit.expires + this.ttlMs > now) {
      if (!hit.refreshing) {
        hit.refreshing = true;
        // Replaced only by a value that loaded; a failed reload leaves the stale one to expire.
        load().then(
          (value) => this.#store(key, Promise.resolve(value), Date.now()),
          () => {
            hit.refreshing = false;
          },
        );
      }
      return hit.value;
    }
    const value = load();
    this.#store(key, value, now);
    // A failed load is not kept: the next call tries again.
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  #store(key: K, value: Promise<V>, now: number): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expires: now + this.ttlMs });
  }
}
