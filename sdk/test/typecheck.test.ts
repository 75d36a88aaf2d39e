import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');

/**
 * Type-checks the SDK tests (`tsc -p sdk/test`), `types.test-d.ts` included: a response type
 * that drifts from its schema, or a method input the schema would refuse, fails here. Errors in
 * the API files the tests import belong to the API project's own `tsc -b`.
 */
it('type-checks the SDK types tests', { timeout: 60_000 }, async () => {
  const output = await promisify(execFile)(process.execPath, [tsc, '-p', 'sdk/test', '--pretty', 'false'], { cwd: root }).then(
    ({ stdout }) => stdout,
    (failed: { stdout?: string }) => failed.stdout ?? String(failed),
  );
  const errors = output.split('\n').filter((line) => line.trim() && !line.startsWith('api/') && !line.startsWith(' '));
  expect(errors).toEqual([]);
});
