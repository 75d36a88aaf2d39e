/** `foyer`: the operator command line (see `cli.ts`); `api/bin/foyer.mjs` starts it. */
import { systemClock } from '../lib/clock.js';
import { runCli } from './cli.js';
import { COMMANDS } from './commands/index.js';

const code = await runCli(COMMANDS, process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  clock: systemClock,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
