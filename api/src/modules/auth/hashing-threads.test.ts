import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { HASHING_NICE, HashingThreads } from './hashing-threads.js';
import { hashPassword, verifyPassword } from './password-hashing.js';

const params = { memoryKiB: 1024, timeCost: 1, parallelism: 1 };
const threads = new HashingThreads(2);
afterAll(() => threads.close());

/** The nice value of each thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): Map<number, number> {
  const values = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    values.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return values;
}

describe('hashing threads', () => {
  it('hash and check passwords off the main thread, several at once', async () => {
    const hashes = await Promise.all(['un', 'deux', 'trois'].map((p) => hashPassword(threads, p, params)));
    expect(hashes.every((h) => h.startsWith('$argon2id$v=19$m=1024,t=1,p=1$'))).toBe(true);
    expect(await verifyPassword(threads, 'deux', hashes[1] as string)).toBe(true);
    expect(await verifyPassword(threads, 'un', hashes[1] as string)).toBe(false);
    expect(await verifyPassword(threads, 'un', 'not a hash')).toBe(false);
  });

  it.runIf(process.platform === 'linux')('run at a low CPU priority, the process itself at its own', async () => {
    await hashPassword(threads, 'priorité', params);
    const nice = threadNiceValues();
    expect(HASHING_NICE).toBeGreaterThan(0);
    expect([...nice.values()].filter((n) => n === HASHING_NICE).length).toBeGreaterThanOrEqual(1);
    expect(nice.get(process.pid)).toBe(0);
  });
});
