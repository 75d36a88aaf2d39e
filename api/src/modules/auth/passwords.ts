import type { PasswordHashing } from '../../deps.js';
import { BoundedGate, type BoundedGateStats } from '../../lib/bounded-gate.js';
import { HashingThreads } from './hashing-threads.js';
import { type Argon2Parameters, hashPassword, needsRehash, verifyPassword } from './password-hashing.js';

export interface PasswordSettings {
  argon2: Argon2Parameters;
  /** Hashes computed at once (each holds `argon2.memoryKiB` of memory). */
  hashConcurrency: number;
  /** Hashes allowed to wait; beyond, sign-ins are refused with 503 and retried by the SDK. */
  hashQueue: number;
}

/**
 * Every password hash and check of the API, through one bounded gate: a burst of sign-ins on
 * registration morning queues briefly or is told to retry, and never takes the memory and the
 * threads that calendar and checkout requests need.
 */
export class Passwords implements PasswordHashing {
  readonly #gate: BoundedGate;
  readonly #params: Argon2Parameters;
  /** Where the hashes are computed: low-priority threads, one per hash the gate lets run. */
  readonly #threads: HashingThreads;
  #dummy: Promise<string> | undefined;

  constructor(settings: PasswordSettings) {
    this.#params = settings.argon2;
    this.#gate = new BoundedGate({ concurrency: settings.hashConcurrency, queue: settings.hashQueue });
    this.#threads = new HashingThreads(settings.hashConcurrency);
  }

  /** An argon2id hash of a new or changed password. */
  hash(password: string): Promise<string> {
    return this.#gate.run(() => hashPassword(this.#threads, password, this.#params));
  }

  /**
   * Checks a password. Without a stored hash (unknown email, account without a password) a real
   * check still runs against a throwaway hash, so that the answer takes as long as for a wrong
   * password. `rehash` is set when the password was right and its hash is outdated (scrypt, or
   * another cost): the caller stores it.
   */
  async verify(password: string, stored: string | null | undefined): Promise<{ valid: boolean; rehash?: string }> {
    if (!stored) {
      this.#dummy ??= hashPassword(this.#threads, crypto.randomUUID(), this.#params);
      const dummy = await this.#dummy;
      await this.#gate.run(() => verifyPassword(this.#threads, password, dummy));
      return { valid: false };
    }
    return this.#gate.run(async () => {
      const valid = await verifyPassword(this.#threads, password, stored);
      if (!valid || !needsRehash(stored, this.#params)) return { valid };
      return { valid, rehash: await hashPassword(this.#threads, password, this.#params) };
    });
  }

  /** Stops the hashing threads (they hold nothing open while idle; this frees them at once). */
  close(): Promise<void> {
    return this.#threads.close();
  }

  /** The hashing gate's figures (running, waiting, refused…), read-only. */
  stats(): BoundedGateStats {
    return this.#gate.stats();
  }
}
