import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PostgreSQL server of the test's own, to restart or stop without touching the shared one. */
export interface PrivatePostgres {
  url: (database: string) => string;
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back in about a second. */
  restart(): Promise<void>;
  /**
   * SIGSTOP to the server and every backend: connections stay open and nothing answers, as when
   * the machine is frozen or its storage stalls. `resume` sends SIGCONT.
   */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** The binaries of the machine's PostgreSQL (Debian's layout), or null. */
function binaries(): string | null {
  const base = '/usr/lib/postgresql';
  for (const version of ['17', '16', '15', '14']) {
    const dir = join(base, version, 'bin');
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

/**
 * Starts a throwaway cluster (initdb in a temporary folder, trust auth, fsync off) on `port`, run
 * as the `postgres` system user as PostgreSQL requires; null with the reason when this machine
 * cannot (no PostgreSQL binaries, not root to switch user).
 */
export async function startPrivatePostgres(port: number): Promise<PrivatePostgres | string> {
  const bin = binaries();
  if (!bin) return 'no PostgreSQL server binaries under /usr/lib/postgresql';
  if (process.getuid?.() !== 0) return 'needs root to run initdb as the postgres user';
  const folder = await mkdtemp(join(tmpdir(), 'foyer-private-pg-'));
  const { stdout } = await run('id', ['-u', 'postgres']).catch(() => ({ stdout: '' }));
  const uid = Number(stdout.trim());
  if (!uid) return 'no postgres system user';
  await chown(folder, uid, Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
  const data = join(folder, 'data');
  const asPostgres = (command: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]);
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const ctl = (action: string, extra: string[] = []) =>
    asPostgres('pg_ctl', ['-D', data, '-w', '-l', join(folder, 'log'), ...extra, action, '-o', options]);
  await ctl('start');
  /** The postmaster first (it would fork no new backend), then its children, by their ids. */
  const processes = async () => {
    const postmaster = (await readFile(join(data, 'postmaster.pid'), 'utf8')).split('\n')[0]?.trim() ?? '';
    const { stdout: children } = await run('ps', ['-o', 'pid=', '--ppid', postmaster]);
    return [postmaster, ...children.split('\n').map((line) => line.trim())].filter(Boolean).map(Number);
  };
  const signal = async (name: NodeJS.Signals, order: (pids: number[]) => number[]) => {
    for (const pid of order(await processes())) {
      try {
        process.kill(pid, name);
      } catch {
        // A backend that ended meanwhile.
      }
    }
  };
  return {
    pause: () => signal('SIGSTOP', (pids) => pids),
    resume: () => signal('SIGCONT', (pids) => [...pids].reverse()),
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    restart: async () => {
      await ctl('restart', ['-m', 'fast']);
    },
    stop: async () => {
      await ctl('stop', ['-m', 'immediate']).catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
    },
  };
}
