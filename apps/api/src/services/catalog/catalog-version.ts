import type { Database } from '@bazaar/db';
import { catalogVersions } from '@bazaar/db/schema';
import { sql } from 'drizzle-orm';
import type { Logger } from '../../logger.ts';

/**
 * The catalog's version (`catalog_versions`, raised when a transaction that changed what the
 * storefront shows commits: the editor, CSV imports, plain SQL alike), as this instance knows it.
 */
export interface CatalogVersion {
  /**
   * The version cached reads are keyed by; null (read uncached) when it could not be read or
   * listings are still being refreshed.
   */
  current(): Promise<string | null>;
  /** This instance just changed the catalog: the next `current()` reads the version afresh. */
  changed(): void;
}

export interface CatalogVersionOptions {
  /** How long a read version is trusted: the longest another instance's edit goes unseen. */
  intervalMs?: number;
  log: Logger;
  now?: () => number;
}

/**
 * The version number with the time it was raised (a database restored or re-created, whose
 * numbering starts again, never meets cache entries of another catalog under the same number); or
 * null while listings wait in `listing_refresh_queue`: their writer has committed (and raised the
 * version) but the sweeper has not refreshed them yet, so what is read now must not be kept.
 */
export const readCatalogVersion = async (db: Database): Promise<string | null> => {
  const [row] = await db
    .select({
      version: catalogVersions.version,
      changedAt: catalogVersions.changedAt,
      pending: sql<boolean>`exists (select 1 from listing_refresh_queue)`,
    })
    .from(catalogVersions);
  if (!row) throw new Error('catalog_versions has no row');
  return row.pending ? null : `${row.version}.${row.changedAt.getTime()}`;
};

/**
 * Reads the version at most once per interval, one read shared by every request that needs it
 * meanwhile. A failed read is remembered for the interval too (as null), so a database outage
 * costs no extra queries, and logged once until a read succeeds again.
 */
export function createCatalogVersion(
  read: () => Promise<string | null>,
  { intervalMs = 1000, log, now = Date.now }: CatalogVersionOptions,
): CatalogVersion {
  let known: { value: string | null; readAt: number } | null = null;
  let polling: { generation: number; promise: Promise<string | null> } | null = null;
  // Raised by changed(): a read that started before the change must not be trusted after it.
  let generation = 0;
  let failing = false;

  function poll(): Promise<string | null> {
    const started = now();
    const mine = generation;
    const promise = read().then(
      (value): string | null => {
        if (failing) log.info('catalog version readable again; catalog cache back on');
        failing = false;
        return value;
      },
      (err: unknown): string | null => {
        if (!failing) log.warn({ err }, 'catalog version unreadable; catalog reads go uncached');
        failing = true;
        return null;
      },
    );
    polling = { generation: mine, promise };
    return promise.then((value) => {
      if (mine === generation) known = { value, readAt: started };
      if (polling?.promise === promise) polling = null;
      return value;
    });
  }

  return {
    current() {
      if (known && now() - known.readAt < intervalMs) return Promise.resolve(known.value);
      if (polling && polling.generation === generation) return polling.promise;
      return poll();
    },
    changed() {
      generation++;
      known = null;
    },
  };
}
