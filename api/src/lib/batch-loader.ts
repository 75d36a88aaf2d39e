/**
 * Coalesces the loads of many keys asked for at about the same time into one call of
 * `loadMany`: the keys asked before the event loop next turns go together. A rush of two
 * thousand requests then costs the database a few queries instead of two thousand, and leaves
 * its connections to the work itself. A key `loadMany` does not answer resolves to undefined.
 */
export class BatchLoader<K, V> {
  #pending: { key: K; resolve: (value: V | undefined) => void; reject: (error: unknown) => void }[] = [];

  constructor(
    private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxBatch = 500,
  ) {}

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ key, resolve, reject });
      if (this.#pending.length === 1) setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    const pending = this.#pending;
    this.#pending = [];
    for (let start = 0; start < pending.length; start += this.maxBatch) {
      const part = pending.slice(start, start + this.maxBatch);
      this.loadMany([...new Set(part.map((p) => p.key))]).then(
        (values) => {
          for (const p of part) p.resolve(values.get(p.key));
        },
        (error: unknown) => {
          for (const p of part) p.reject(error);
        },
      );
    }
  }
}
