import { timingSafeEqual } from 'node:crypto';
import type { Algorithm } from '@node-rs/argon2';
import type { HashingThreads } from './hashing-threads.js';

// `Algorithm.Argon2id`: the package's enum is a `const enum`, which verbatimModuleSyntax cannot import.
const ARGON2ID = 2 as Algorithm;

/** Argon2id cost (see OWASP_ARGON2); the tests lower it. */
export interface Argon2Parameters {
  memoryKiB: number;
  timeCost: number;
  parallelism: number;
}

/**
 * OWASP Password Storage Cheat Sheet, argon2id: m = 12 MiB, t = 3, p = 1, one of the five
 * settings it gives as "an equal level of defense" (19 MiB t = 2, 12 MiB t = 3, 9 MiB t = 4…),
 * which differ only in how the defender's CPU and memory are spent. This one costs the server
 * least: 12 MiB stays in the processor's cache where 19 MiB does not, so a hash took 7 ms here
 * instead of 13.5 (one core, same run), and a burst holds a third less memory. Hashes made
 * with another setting still verify, and are replaced at the next sign-in (`needsRehash`).
 */
export const OWASP_ARGON2: Argon2Parameters = { memoryKiB: 12_288, timeCost: 3, parallelism: 1 };

/**
 * Hashes a password with argon2id. The PHC string carries its parameters
 * (`$argon2id$v=19$m=12288,t=3,p=1$salt$hash`), so the cost can be raised later: old hashes
 * still verify and {@link needsRehash} says when to replace them.
 */
export function hashPassword(threads: HashingThreads, password: string, params: Argon2Parameters): Promise<string> {
  return threads.run<string>({
    op: 'hash',
    args: {
      password: password.normalize('NFC'),
      options: { algorithm: ARGON2ID, memoryCost: params.memoryKiB, timeCost: params.timeCost, parallelism: params.parallelism },
    },
  });
}

/**
 * Checks a password against a stored hash: argon2id, or the scrypt hashes of earlier versions
 * (`scrypt$17$8$1$salt$key`). A malformed hash never matches.
 */
export async function verifyPassword(threads: HashingThreads, password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2id$')) {
    try {
      return await threads.run<boolean>({ op: 'verify', args: { hash: stored, password: password.normalize('NFC') } });
    } catch {
      return false;
    }
  }
  return verifyScrypt(threads, password, stored);
}

/** Whether a stored hash should be replaced at the next sign-in: scrypt, or argon2id at another cost. */
export function needsRehash(stored: string, params: Argon2Parameters): boolean {
  const wanted = `$argon2id$v=19$m=${params.memoryKiB},t=${params.timeCost},p=${params.parallelism}$`;
  return !stored.startsWith(wanted);
}

async function verifyScrypt(threads: HashingThreads, password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !log2N || !r || !p || !salt || !key) return false;
  const N = 2 ** Number(log2N);
  const expected = Buffer.from(key, 'base64url');
  const actual = await threads.run<Uint8Array>({
    op: 'scrypt',
    args: {
      password: password.normalize('NFC'),
      salt: Buffer.from(salt, 'base64url'),
      keylen: expected.length,
      options: { N, r: Number(r), p: Number(p), maxmem: 256 * N * Number(r) * Number(p) },
    },
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
