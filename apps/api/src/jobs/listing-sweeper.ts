import type { Database } from '@bazaar/db';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db.ts';
import type { Logger } from '../logger.ts';

/** Queued products refreshed per statement. */
const BATCH = 500;

export interface ListingSweeper {
  /** Refreshes every queued listing whose product is free; returns how many were taken. */
  sweepOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Refreshes the storefront listings a writer could not refresh itself because another transaction
 * held the product (migration 0011): queued rows become visible when their writer commits, and are
 * refreshed here, so a listing is behind its product for at most about one interval.
 */
export function startListingSweeper(db: Database, log: Logger, intervalMs = 1000): ListingSweeper {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function sweepOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await db.execute(sql`select sweep_product_listings(${BATCH}) as taken`);
      const taken = Number(rowsOf<{ taken: number }>(result)[0]?.taken ?? 0);
      total += taken;
      if (taken < BATCH) return total;
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = sweepOnce()
        .catch((err: unknown) => log.warn({ err }, 'listing sweep failed; retrying'))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  }
  schedule();

  return {
    sweepOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
