import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `gc` without starting the bench with --expose-gc (npm run bench, BENCH_PROFILE runs alike).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * A full collection of the bench process's heap (the server under test runs in it), once the
 * families a part needs are set up and before its warm-up: the measured bursts are then charged
 * for the server's own garbage only. Without it, the rush's 10,000 families set up through the
 * same process left hundreds of MB for the collector, and its major collection fell on whichever
 * burst came after the heap's limit was reached (seen: 478 → 80 MB and 54 ms of marking inside
 * the rush, none in its /healthz baseline).
 *
 * Never right before a measured burst: a forced collection also drops the type feedback of the
 * compiled code, which V8 then compiles again inside the burst (`--trace-opt`: about 140
 * functions recompiled in the rush's /healthz baseline after it, against 25 without).
 */
export function collectGarbage(): void {
  gc();
}
