import type { Logger } from './logger.js';

/** A background loop, stopped on shutdown. */
export interface PeriodicWorker {
  /** Stops the loop and waits for the round in progress, if any. */
  stop(): Promise<void>;
}

/**
 * Runs `round` every `intervalMs`, counted from the end of the previous round (rounds never
 * overlap), until stopped. A failed round is logged as `<name> round failed` and the next one
 * runs at its time. Used by the outbox worker, the hold sweeper and the retention sweeper.
 */
export function startPeriodicWorker(
  name: string,
  logger: Logger,
  intervalMs: number,
  round: () => Promise<unknown>,
): PeriodicWorker {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    current = round().catch((err) => logger.error({ err }, `${name} round failed`));
    await current;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  let timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
