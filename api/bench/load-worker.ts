import { Worker } from 'node:worker_threads';

export interface BurstRequest {
  url: string;
  init?: { method?: string; headers?: Record<string, string>; body?: string };
}

export interface BurstResult {
  /** From the first request sent to the last answer read. */
  seconds: number;
  /** Per request, sorted. */
  latencies: number[];
  statuses: number[];
  /** `503 server_busy` answers that were retried (with `retryBusy`). */
  busy: number;
}

export interface BurstOptions {
  /** Requests in flight at once, as that many client connections; all at once by default. */
  concurrency?: number;
  /** Retry a 503 after its Retry-After, as the SDK does; the final status is reported. */
  retryBusy?: boolean;
}

// Plain JavaScript run by the worker: its own event loop and its own connections (kept alive
// from one burst to the next, as a parent's browser keeps its connection to the portal).
// undici's request() rather than fetch(): a third of the CPU per request, which this machine's
// two cores would otherwise take from the server under test.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { Agent, request } = require('undici');
const dispatcher = new Agent({ connections: 10000, keepAliveTimeout: 60000 });
parentPort.on('message', async ({ requests, concurrency, retryBusy }) => {
  const latencies = [];
  const statuses = new Array(requests.length);
  let busy = 0;
  let next = 0;
  const started = performance.now();
  async function one(i) {
    const { url, init = {} } = requests[i];
    const t0 = performance.now();
    for (;;) {
      try {
        const res = await request(url, { method: init.method ?? 'GET', headers: init.headers, body: init.body, dispatcher });
        await res.body.arrayBuffer();
        if (retryBusy && res.statusCode === 503) {
          // As the SDK does: never sooner than Retry-After, with jitter.
          busy++;
          const after = Number(res.headers['retry-after'] ?? 1) * 1000;
          await new Promise((resolve) => setTimeout(resolve, after + Math.random() * 500));
          continue;
        }
        statuses[i] = res.statusCode;
      } catch {
        statuses[i] = 0;
      }
      break;
    }
    latencies.push(performance.now() - t0);
  }
  async function lane() {
    while (next < requests.length) await one(next++);
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, lane));
  latencies.sort((a, b) => a - b);
  parentPort.postMessage({ seconds: (performance.now() - started) / 1000, latencies, statuses, busy });
});
`;

/**
 * Sends bursts of concurrent requests from a worker thread: the clients of a benchmark are
 * other machines, and a load generator sharing the server's event loop would be measured with
 * it. The worker still shares the machine's CPUs, as the database does.
 */
export class LoadWorker {
  readonly #worker = new Worker(WORKER_SOURCE, { eval: true });

  /** Sends the requests (all at once unless `concurrency` says); resolves when every answer has been read. */
  burst(requests: BurstRequest[], options: BurstOptions = {}): Promise<BurstResult> {
    return new Promise((resolve, reject) => {
      // Both listeners go when either fires: a reader sends thousands of bursts on one worker.
      const onError = (err: Error) => {
        this.#worker.off('message', onMessage);
        reject(err);
      };
      const onMessage = (result: BurstResult) => {
        this.#worker.off('error', onError);
        resolve(result);
      };
      this.#worker.once('message', onMessage);
      this.#worker.once('error', onError);
      this.#worker.postMessage({
        requests,
        concurrency: options.concurrency ?? requests.length,
        retryBusy: options.retryBusy ?? false,
      });
    });
  }

  close(): Promise<number> {
    return this.#worker.terminate();
  }
}
