/** `foyer`: the operator command line (see `cli.ts`); `api/bin/foyer.mjs` starts it. */
import { type Clock, ManualClock, systemClock } from '../lib/clock.js';
import { runCli } from './cli.js';
import { COMMANDS } from './commands/index.js';

// A test run pins its server's clock to FOYER_TEST_NOW; the commands it runs (an invitation's
// expiry, an email's queueing time) must see the same "now". Only under NODE_ENV=test.
const testNow = process.env.NODE_ENV === 'test' ? process.env.FOYER_TEST_NOW : undefined;
const clock: Clock = testNow ? new ManualClock(testNow) : systemClock;

const code = await runCli(COMMANDS, process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  clock,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
