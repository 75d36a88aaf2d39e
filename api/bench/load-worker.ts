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
}

// Plain JavaScript run by the worker: its own event loop and its own connections (kept alive
// from one burst to the next, as a parent's browser keeps its connection to the portal).
// undici's request() rather than fetch(): a third of the CPU per request, which this machine's
// two cores would otherwise take from the server under test.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { Agent, request } = require('undici');
const dispatcher = new Agent({ connections: 10000, keepAliveTimeout: 60000 });
parentPort.on('message', async (requests) => {
  const latencies = [];
  const started = performance.now();
  const statuses = await Promise.all(requests.map(async ({ url, init = {} }) => {
    const t0 = performance.now();
    try {
      const res = await request(url, { method: init.method ?? 'GET', headers: init.headers, body: init.body, dispatcher });
      await res.body.arrayBuffer();
      return res.statusCode;
    } catch {
      return 0;
    } finally {
      latencies.push(performance.now() - t0);
    }
  }));
  latencies.sort((a, b) => a - b);
  parentPort.postMessage({ seconds: (performance.now() - started) / 1000, latencies, statuses });
});
`;

/**
 * Sends bursts of concurrent requests from a worker thread: the clients of a benchmark are
 * other machines, and a load generator sharing the server's event loop would be measured with
 * it. The worker still shares the machine's CPUs, as the database does.
 */
export class LoadWorker {
  readonly #worker = new Worker(WORKER_SOURCE, { eval: true });

  /** Sends all the requests at once; resolves when every answer has been read. */
  burst(requests: BurstRequest[]): Promise<BurstResult> {
    return new Promise((resolve, reject) => {
      this.#worker.once('message', resolve);
      this.#worker.once('error', reject);
      this.#worker.postMessage(requests);
    });
  }

  close(): Promise<number> {
    return this.#worker.terminate();
  }
}
