import { execFile } from 'node:child_process';
import { mkdtemp, open, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A small filesystem of the test's own (tmpfs), owned by the postgres user, that can be filled to the last byte. */
export interface SmallDisk {
  path: string;
  /** Writes a filler file until the filesystem refuses (ENOSPC): nothing is left for anyone. */
  fill(): Promise<void>;
  /** Deletes the filler. */
  free(): Promise<void>;
  unmount(): Promise<void>;
}

/** Mounts a tmpfs of `megabytes`; null with the reason when this machine cannot (not root, no mount). */
export async function mountSmallDisk(megabytes: number): Promise<SmallDisk | string> {
  if (process.getuid?.() !== 0) return 'needs root to mount a small filesystem';
  const path = await mkdtemp(join(tmpdir(), 'foyer-small-disk-'));
  const id = async (flag: string) => (await run('id', [flag, 'postgres'])).stdout.trim();
  try {
    const options = `size=${megabytes}m,uid=${await id('-u')},gid=${await id('-g')},mode=0700`;
    await run('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', path]);
  } catch (err) {
    await rmdir(path).catch(() => undefined);
    return `cannot mount a tmpfs here: ${(err as Error).message.split('\n')[0]}`;
  }
  const filler = join(path, 'filler');
  return {
    path,
    async fill() {
      const file = await open(filler, 'a');
      try {
        for (const size of [1 << 20, 1 << 13, 512]) {
          const chunk = Buffer.alloc(size);
          for (;;) {
            const written = await file.write(chunk).then(
              (r) => r.bytesWritten,
              (err: NodeJS.ErrnoException) => {
                if (err.code === 'ENOSPC') return 0;
                throw err;
              },
            );
            if (written < size) break;
          }
        }
      } finally {
        await file.close();
      }
    },
    async free() {
      await rm(filler, { force: true });
    },
    async unmount() {
      await run('umount', ['-l', path]).catch(() => undefined);
      await rmdir(path).catch(() => undefined);
    },
  };
}
