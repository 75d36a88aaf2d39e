import type { cart } from '@foyer/sdk/contract';
import { inCollectivity } from '../../db/tenant-scope.js';
import type { AppDeps } from '../../deps.js';
import { isTransientDatabaseError } from '../../lib/problem.js';
import { type CheckoutInput, type CheckoutOutcome, checkoutBatch } from './checkout.js';

/** The most checkouts one transaction takes: enough to absorb a rush, small enough to stay quick. */
const MAX_BATCH = 250;

/**
 * Batches of one collectivity in flight at once: while one waits on the database (its commit),
 * the next is decided. Their locks (carts by household, activity-days, in sorted order) keep
 * them from ever waiting on each other in a cycle.
 */
const PARALLEL_BATCHES = 2;

interface Waiting {
  input: CheckoutInput;
  resolve: (result: cart.Checkout) => void;
  reject: (error: unknown) => void;
}

/**
 * Validates carts in batches, one transaction per batch, per collectivity. When the portal is
 * quiet a checkout runs at once, alone. At 8 a.m. on registration day, the checkouts that
 * arrive while a batch runs wait for it and then go together: a transaction and its round
 * trips are paid once for all of them, instead of a thousand transactions queueing on the
 * same activity-days' locks. Correctness does not rest on the queue (several instances of
 * Foyer each have theirs): it rests on the database locks that every batch takes.
 */
export class CheckoutQueue {
  readonly #waiting = new Map<string, Waiting[]>();
  /** Batches in flight, per collectivity. */
  readonly #running = new Map<string, number>();

  constructor(private readonly deps: AppDeps) {}

  /** Checkouts waiting for their batch, all collectivities together (a metric). */
  get depth(): number {
    let waiting = 0;
    for (const queue of this.#waiting.values()) waiting += queue.length;
    return waiting;
  }

  checkout(input: CheckoutInput): Promise<cart.Checkout> {
    const cid = input.collectivity.id;
    return new Promise((resolve, reject) => {
      const queue = this.#waiting.get(cid) ?? [];
      queue.push({ input, resolve, reject });
      this.#waiting.set(cid, queue);
      // The runner serves every later checkout of the town, whichever request started it.
      if ((this.#running.get(cid) ?? 0) < PARALLEL_BATCHES) void inCollectivity(cid, () => this.#drain(cid));
    });
  }

  /** One runner: takes batches off the collectivity's queue until it is empty. */
  async #drain(cid: string): Promise<void> {
    this.#running.set(cid, (this.#running.get(cid) ?? 0) + 1);
    try {
      for (let queue = this.#waiting.get(cid); queue && queue.length > 0; queue = this.#waiting.get(cid)) {
        // Let the checkouts that arrive in this same turn of the event loop join the batch (a
        // few microseconds when the portal is quiet; hundreds of checkouts at a rush).
        await new Promise((resolve) => setImmediate(resolve));
        await this.#run(takeBatch(queue));
      }
    } finally {
      const running = (this.#running.get(cid) ?? 1) - 1;
      if (running > 0) this.#running.set(cid, running);
      else this.#running.delete(cid);
      if (this.#waiting.get(cid)?.length === 0) this.#waiting.delete(cid);
    }
  }

  async #run(batch: Waiting[]): Promise<void> {
    const first = batch[0];
    if (!first) return;
    let outcomes: CheckoutOutcome[];
    try {
      outcomes = await checkoutBatch(
        this.deps,
        first.input.collectivity,
        batch.map((w) => w.input),
      );
    } catch (error) {
      // The database failed the whole batch. A lost connection or a deadlock: each may send
      // its checkout again. Anything else may be one checkout's doing: each runs alone, so
      // that one checkout's failure is never another's.
      if (batch.length === 1 || isTransientDatabaseError(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      for (const w of batch) await this.#run([w]);
      return;
    }
    batch.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) w.resolve(outcome.result);
      else w.reject(outcome ? outcome.error : new Error('checkout without an outcome'));
    });
  }
}

/**
 * Takes the next batch off the queue, in arrival order: at most {@link MAX_BATCH}, and one
 * checkout per household (a household's second checkout, a retry, waits for the next batch
 * and then sees the first one's answer).
 */
function takeBatch(queue: Waiting[]): Waiting[] {
  const batch: Waiting[] = [];
  const households = new Set<string>();
  for (let i = 0; i < queue.length && batch.length < MAX_BATCH; ) {
    const w = queue[i] as Waiting;
    if (households.has(w.input.scope.householdId)) {
      i++;
      continue;
    }
    households.add(w.input.scope.householdId);
    batch.push(w);
    queue.splice(i, 1);
  }
  return batch;
}
