import { acrossCollectivities } from '../db/tenant-scope.js';
import type { Logger } from './logger.js';

/** How long a round may run before the next one starts anyway. */
const STUCK_AFTER_MS = 30_000;

/** A background loop, stopped on shutdown. */
export interface PeriodicWorker {
  /** Stops the loop and waits for the round in progress, if any. */
  stop(): Promise<void>;
}

/**
 * Runs `round` every `intervalMs`, counted from the end of the previous round (rounds never
 * overlap), until stopped. A failed round is logged as `<name> round failed` and the next one
 * runs at its time; a round still running after 30 s (or ten intervals) is left behind and the
 * next one starts. Used by the outbox worker, the hold sweeper and the retention sweeper, whose
 * rounds take their rows with `FOR UPDATE SKIP LOCKED` and may overlap.
 */
export function startPeriodicWorker(
  name: string,
  logger: Logger,
  intervalMs: number,
  round: () => Promise<unknown>,
): PeriodicWorker {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const stuckAfterMs = Math.max(STUCK_AFTER_MS, 10 * intervalMs);
  const tick = async () => {
    if (stopped) return;
    // Workers serve every town: their rounds see all collectivities, whoever started them.
    const running = acrossCollectivities(round).catch((err) => logger.error({ err }, `${name} round failed`));
    current = running;
    // A round that never ends (a query left unanswered on a connection a database restart
    // killed) must not stop the loop: the next round starts; the work is safe to share.
    let stuckTimer: ReturnType<typeof setTimeout> | undefined;
    const stuck = new Promise<'stuck'>((resolve) => {
      stuckTimer = setTimeout(() => resolve('stuck'), stuckAfterMs);
    });
    if ((await Promise.race([running, stuck])) === 'stuck')
      logger.warn({ afterMs: stuckAfterMs }, `${name} round stuck: the next one starts`);
    clearTimeout(stuckTimer);
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  let timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      // A stuck round is not waited for past a few seconds: shutdown must end.
      await Promise.race([current, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    },
  };
}
