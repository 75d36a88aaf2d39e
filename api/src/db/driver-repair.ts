import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Left in the driver's code by `scripts/patch-postgres-driver.mjs` (run by `npm install`), one per repair. */
const MARKERS = ['/* foyer: write scheduler repaired */', '/* foyer: an unreadable message ends the connection */'];

/**
 * Whether the installed postgres.js carries our repairs. Without them a PostgreSQL restart
 * leaves connections that hang, stops the process, or answers 500 (see the script).
 */
export function postgresDriverRepaired(): boolean {
  try {
    const root = join(dirname(createRequire(import.meta.url).resolve('postgres')), '..', '..');
    const code = readFileSync(join(root, 'src', 'connection.js'), 'utf8');
    return MARKERS.every((marker) => code.includes(marker));
  } catch {
    return false;
  }
}

export class UnrepairedDriverError extends Error {
  constructor() {
    super(
      "postgres.js is installed without Foyer's repairs (installed with --ignore-scripts, or before a repair was added?): run `node scripts/patch-postgres-driver.mjs`, or `npm install` again",
    );
    this.name = 'UnrepairedDriverError';
  }
}
