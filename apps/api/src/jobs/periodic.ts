import type { Logger } from '../logger.ts';

export interface PeriodicJob {
  start(intervalMs?: number): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `run` now and then every interval, never two runs at once in this process; a failure is
 * logged and the next tick tries again.
 */
export function periodicJob(
  name: string,
  run: () => Promise<unknown>,
  log: Logger,
  defaultIntervalMs: number,
): PeriodicJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = run()
      .catch((err: unknown) => log.error({ err }, `${name} failed`))
      .finally(() => {
        running = undefined;
      });
  };
  return {
    start(intervalMs = defaultIntervalMs) {
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
