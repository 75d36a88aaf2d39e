import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

type Operation =
  | { op: 'hash'; args: { password: string; options: object } }
  | { op: 'verify'; args: { hash: string; password: string } }
  | { op: 'scrypt'; args: { password: string; salt: Uint8Array; keylen: number; options: object } };

interface Thread {
  worker: Worker;
  busy: boolean;
}

interface Task {
  operation: Operation;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The hashing threads' nice value (Linux: 0 normal, 19 lowest). Measured on the sign-in storm
 * (2 cores, one run of three storms each): normal priority 96 sign-ins/s with the calendar's
 * p99 up to ×2.9; nice 19 64-77/s, ×0.9-2.6; nice 10 64-73/s, ×1.1-2.4; nice 5 64-73/s,
 * ×1.0-2.5. 10 keeps calendar reads well clear of a storm for a third fewer sign-ins/s.
 */
export const HASHING_NICE = 10;

/**
 * One hashing thread's code. A string, not a file: the API is bundled in several ways (dist,
 * the widget tests' server), and a file beside each bundle would be one more thing to ship. The
 * argon2 package is resolved here, from this module, and named to the thread by its path.
 *
 * The thread lowers its own CPU priority (HASHING_NICE): on Linux a priority set for pid 0
 * applies to the calling thread only, so hashing takes the processor's spare time and calendar
 * and checkout requests keep theirs during a sign-in storm. Elsewhere it would lower the whole
 * server: left alone there.
 */
const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
const { hashSync, verifySync } = require(workerData.argon2);
if (process.platform === 'linux') {
  try { require('node:os').setPriority(0, ${HASHING_NICE}); } catch {}
}
parentPort.on('message', ({ id, op, args }) => {
  try {
    let value;
    if (op === 'hash') value = hashSync(args.password, args.options);
    else if (op === 'verify') value = verifySync(args.hash, args.password);
    else if (op === 'scrypt') value = scryptSync(args.password, Buffer.from(args.salt), args.keylen, args.options);
    else throw new Error('unknown operation ' + op);
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

/**
 * Threads that hash passwords at a low CPU priority (see THREAD_CODE), so that a
 * storm of sign-ins takes the processor's spare time and not the calendar's: with the hashing
 * gate's two hashes at once on two cores, the calendar's p99 tripled during a storm. As many
 * threads as the gate lets hashes run; started on first use, and holding the process open only
 * while they work.
 */
export class HashingThreads {
  readonly #threads: Thread[] = [];
  readonly #queue: Task[] = [];
  readonly #pending = new Map<number, { thread: Thread; task: Task }>();
  #nextId = 0;

  constructor(private readonly size: number) {}

  run<T>(operation: Operation): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ operation, resolve: resolve as (value: unknown) => void, reject });
      this.#dispatch();
    });
  }

  /** Stops the threads (tests, shutdown); tasks in flight fail. */
  async close(): Promise<void> {
    await Promise.all(this.#threads.splice(0).map((t) => t.worker.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const thread = this.#threads.find((t) => !t.busy) ?? this.#start();
      if (!thread) return;
      const task = this.#queue.shift() as Task;
      const id = this.#nextId++;
      thread.busy = true;
      thread.worker.ref();
      this.#pending.set(id, { thread, task });
      thread.worker.postMessage({ id, ...task.operation });
    }
  }

  #start(): Thread | undefined {
    if (this.#threads.length >= this.size) return undefined;
    const argon2 = createRequire(import.meta.url).resolve('@node-rs/argon2');
    const worker = new Worker(THREAD_CODE, { eval: true, workerData: { argon2 } });
    const thread: Thread = { worker, busy: false };
    worker.on('message', ({ id, value, error }: { id: number; value?: unknown; error?: string }) => {
      const pending = this.#pending.get(id);
      if (!pending) return;
      this.#pending.delete(id);
      thread.busy = false;
      worker.unref();
      if (error === undefined) pending.task.resolve(value);
      else pending.task.reject(new Error(error));
      this.#dispatch();
    });
    // A thread that dies (out of memory…) fails its task and is replaced at the next one.
    worker.on('error', (error) => this.#lost(thread, error));
    worker.on('exit', (code) => this.#lost(thread, new Error(`hashing thread exited (${code})`)));
    worker.unref();
    this.#threads.push(thread);
    return thread;
  }

  #lost(thread: Thread, error: Error): void {
    const index = this.#threads.indexOf(thread);
    if (index >= 0) this.#threads.splice(index, 1);
    for (const [id, pending] of this.#pending) {
      if (pending.thread !== thread) continue;
      this.#pending.delete(id);
      pending.task.reject(error);
    }
    this.#dispatch();
  }
}
