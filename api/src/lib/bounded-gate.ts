import { ApiError } from './api-error.js';

export interface BoundedGateOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks allowed to wait for a turn; one more is refused at once. */
  queue: number;
  /** What a refused caller is told to wait, in seconds (`Retry-After`). */
  retryAfterSeconds?: number;
}

/** What the gate has done since it was built, for `/metrics` and `/readyz`. */
export interface BoundedGateStats {
  concurrency: number;
  queueLimit: number;
  running: number;
  waiting: number;
  completed: number;
  refused: number;
}

/**
 * Lets at most `concurrency` expensive tasks run at a time, holds up to `queue` more, and refuses
 * the rest with `503 server_busy` + `Retry-After`. Refusing early costs nothing, whereas an
 * unbounded pile of waiting password hashes would exhaust memory and starve every other request.
 *
 * @example
 * const gate = new BoundedGate({ concurrency: 2, queue: 200 });
 * const valid = await gate.run(() => verifyPassword(password, stored));
 */
export class BoundedGate {
  readonly #options: Required<BoundedGateOptions>;
  readonly #waiting: (() => void)[] = [];
  #running = 0;
  #completed = 0;
  #refused = 0;

  constructor(options: BoundedGateOptions) {
    this.#options = { retryAfterSeconds: 1, ...options };
  }

  /** Runs `task` when a turn comes; throws `503 server_busy` at once when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#options.concurrency) {
      if (this.#waiting.length >= this.#options.queue) {
        this.#refused++;
        throw new ApiError(503, 'server_busy', 'Many people are signing in right now: try again in a moment.', {
          headers: { 'Retry-After': String(this.#options.retryAfterSeconds) },
        });
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    try {
      return await task();
    } finally {
      this.#completed++;
      // The turn passes straight to the next waiting task, so `running` never drops below the demand.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }

  /** A read-only snapshot of the gate. */
  stats(): BoundedGateStats {
    return {
      concurrency: this.#options.concurrency,
      queueLimit: this.#options.queue,
      running: this.#running,
      waiting: this.#waiting.length,
      completed: this.#completed,
      refused: this.#refused,
    };
  }
}
