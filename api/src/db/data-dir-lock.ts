/**
 * One process at a time on an embedded (PGlite) data folder. PGlite writes a `postmaster.pid`
 * with a fake pid and lets a second process open the same folder, which corrupts it; so Foyer
 * keeps its own lock file there, naming the process holding it, and a second opener is told who.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'foyer.lock';

/** Who holds the folder, as written in the lock file. */
export interface LockHolder {
  pid: number;
  /** What the holder is: "server", "foyer migrate"… */
  role: string;
  since: string;
}

/** The data folder is in use by another live process. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by ${holder.role} (pid ${holder.pid}, since ${holder.since}); ` +
        'stop it first, or point both at a PostgreSQL server with DATABASE_URL',
    );
    this.name = 'DataDirBusyError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, role: parsed.role ?? 'another process', since: parsed.since ?? '?' }
      : null;
  } catch {
    return null;
  }
}

/**
 * Takes the folder for this process, or throws `DataDirBusyError` naming the live holder. A lock
 * left by a process that died (a crash, a kill -9) is taken over. Returns the release function.
 * `since` is only shown to people; it is not compared with any clock.
 */
export function lockDataDir(dataDir: string, role: string, since: Date): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, role, since: since.toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      return () => {
        if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder !== null && holder.pid !== process.pid && isAlive(holder.pid)) throw new DataDirBusyError(dataDir, holder);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${file}: another process keeps taking it`);
}
