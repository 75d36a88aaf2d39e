import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Left in the driver's code by `scripts/patch-postgres-driver.mjs` (run by `npm install`). */
const MARKER = '/* foyer: write scheduler repaired */';

/**
 * Whether the installed postgres.js carries our repair of its write scheduler. Without it a
 * PostgreSQL restart leaves connections that hang, or stops the process (see the script).
 */
export function postgresDriverRepaired(): boolean {
  try {
    const root = join(dirname(createRequire(import.meta.url).resolve('postgres')), '..', '..');
    return readFileSync(join(root, 'src', 'connection.js'), 'utf8').includes(MARKER);
  } catch {
    return false;
  }
}

export class UnrepairedDriverError extends Error {
  constructor() {
    super(
      "postgres.js is installed without Foyer's repair of its write scheduler (installed with --ignore-scripts?): run `node scripts/patch-postgres-driver.mjs`, or `npm install` again",
    );
    this.name = 'UnrepairedDriverError';
  }
}
