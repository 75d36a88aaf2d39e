import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `gc` without starting the bench with --expose-gc (npm run bench, BENCH_PROFILE runs alike).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * A full collection of the bench process's heap (the server under test runs in it), before
 * each measured burst or pass: it is then charged for its own garbage only. Without it, the
 * rush's 8,000 families set up through the same process left hundreds of MB for the collector,
 * and its major collection fell on whichever burst came after the heap's limit was reached
 * (seen: 478 → 80 MB and 54 ms of marking inside the rush, none in its /healthz baseline).
 */
export function collectGarbage(): void {
  gc();
}
