import type { Database } from '@bazaar/db';
import type { Logger } from '../logger.ts';
import { expireReservations } from '../services/orders/expire-reservations.ts';
import { type PeriodicJob, periodicJob } from './periodic.ts';

/** Every 30 s: cancels unpaid orders whose reservation ran out and gives their stock back. */
export function createReservationExpiry(db: Database, log: Logger): PeriodicJob {
  return periodicJob(
    'reservation expiry',
    async () => {
      const expired = await expireReservations(db);
      if (expired.length) log.info({ orders: expired }, 'unpaid orders expired; stock released');
    },
    log,
    30_000,
  );
}
