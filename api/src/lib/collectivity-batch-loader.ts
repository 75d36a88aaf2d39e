import { inCollectivity } from '../db/tenant-scope.js';
import { BatchLoader } from './batch-loader.js';

/**
 * A {@link BatchLoader} per collectivity: row-level security scopes a statement to one town, so
 * the keys asked at about the same time are loaded together town by town, each batch in its
 * town's scope.
 */
export class CollectivityBatchLoader<K, V> {
  readonly #loaders = new Map<string, BatchLoader<K, V>>();

  constructor(
    private readonly loadMany: (collectivityId: string, keys: K[]) => Promise<Map<K, V>>,
    private readonly maxBatch?: number,
  ) {}

  load(collectivityId: string, key: K): Promise<V | undefined> {
    let loader = this.#loaders.get(collectivityId);
    if (!loader) {
      loader = new BatchLoader(
        (keys) => inCollectivity(collectivityId, () => this.loadMany(collectivityId, keys)),
        this.maxBatch,
      );
      this.#loaders.set(collectivityId, loader);
    }
    return loader.load(key);
  }
}
