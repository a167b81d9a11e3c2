import type { PoolStats } from '@bazaar/db';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { JobName } from '../jobs/queue.ts';
import type { Logger } from '../logger.ts';
import type { ShopMetrics } from '../services/shop-metrics.ts';

/** What the metrics read when scraped; each part is optional (tests leave some out). */
export interface MetricSources {
  poolStats?: () => Promise<PoolStats>;
  jobDepths?: () => Promise<Record<JobName, number>>;
  log?: Logger;
  /** Node's own metrics (CPU, memory, event loop lag, GC): on for the real app, off in tests. */
  processMetrics?: boolean;
}

/** The HTTP layer's counters: one observation per procedure (or route) a request called. */
export interface HttpMetrics {
  request(procedure: string, status: number, seconds: number): void;
  /** A procedure failed with `code` (a tRPC code: BAD_REQUEST, NOT_FOUND, INTERNAL_SERVER_ERROR…). */
  procedureError(procedure: string, code: string): void;
}

export interface AppMetrics {
  /** This app's own registry: several apps in one process (tests) keep apart. */
  registry: Registry;
  http: HttpMetrics;
  shop: ShopMetrics;
}

/** Seconds: a cached read takes about a millisecond, a checkout tens, a slow export seconds. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(sources: MetricSources = {}): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (sources.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'bazaar_' });

  const duration = new Histogram({
    name: 'bazaar_http_request_duration_seconds',
    help: 'Time to answer a request, by tRPC procedure (or fixed route name) and HTTP status',
    labelNames: ['procedure', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const durationSeries = new Map<string, ReturnType<typeof duration.labels>>();
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter({ name, help, labelNames, registers });
  const procedureErrors = counter(
    'bazaar_procedure_errors_total',
    'tRPC procedure calls that failed, by procedure and tRPC error code',
    ['procedure', 'code'],
  );
  const checkoutsPlaced = counter(
    'bazaar_checkouts_placed_total',
    'Orders placed (committed; a replayed request is not counted again)',
  );
  const checkoutsFailed = counter(
    'bazaar_checkouts_failed_total',
    'Checkout attempts that placed no order, by app error code',
    ['reason'],
  );
  const payments = counter(
    'bazaar_payments_total',
    'Payments moved by their provider, by the state reached',
    ['outcome'],
  );
  const refunds = counter('bazaar_refunds_total', 'Refunds settled by the provider, by outcome', [
    'outcome',
  ]);

  const { poolStats, jobDepths, log } = sources;
  if (poolStats) {
    // Both gauges are collected at once (prom-client collects in parallel): one read serves both.
    let reading: Promise<PoolStats | null> | null = null;
    const readStats = () => {
      reading ??= poolStats()
        .catch((err: unknown) => {
          log?.warn({ err }, 'metrics: database pool statistics unavailable');
          return null;
        })
        .finally(() => {
          reading = null;
        });
      return reading;
    };
    new Gauge({
      name: 'bazaar_db_connections',
      help: "The database pool's connections by state (PostgreSQL's view; PGlite: open only)",
      labelNames: ['state'] as const,
      registers,
      async collect() {
        this.reset();
        const stats = await readStats();
        if (!stats) return;
        this.set({ state: 'open' }, stats.open);
        if (stats.active !== undefined) this.set({ state: 'active' }, stats.active);
        if (stats.idle !== undefined) this.set({ state: 'idle' }, stats.idle);
        if (stats.idleInTransaction !== undefined)
          this.set({ state: 'idle_in_transaction' }, stats.idleInTransaction);
      },
    });
    new Gauge({
      name: 'bazaar_db_pool_max',
      help: "The database pool's size (DB_POOL_MAX; 1 for PGlite)",
      registers,
      async collect() {
        const stats = await readStats();
        if (stats) this.set(stats.max);
      },
    });
  }
  if (jobDepths) {
    new Gauge({
      name: 'bazaar_job_queue_depth',
      help: 'Background jobs waiting to run (queued or waiting for a retry), by job',
      labelNames: ['job'] as const,
      registers,
      // Every instance reads the same queue: summed across instances it would count it N times.
      aggregator: 'max',
      async collect() {
        this.reset();
        const depths = await jobDepths().catch((err: unknown) => {
          log?.warn({ err }, 'metrics: job queue depth unavailable');
          return null;
        });
        for (const [job, depth] of Object.entries(depths ?? {})) this.set({ job }, depth);
      },
    });
  }

  return {
    registry,
    http: {
      request: (procedure, status, seconds) => {
        // Each label pair's series, looked up once: prom-client hashes the labels on every call.
        const key = `${procedure} ${status}`;
        let series = durationSeries.get(key);
        if (!series) {
          series = duration.labels(procedure, String(status));
          durationSeries.set(key, series);
        }
        series.observe(seconds);
      },
      procedureError: (procedure, code) => procedureErrors.inc({ procedure, code }),
    },
    shop: {
      checkoutPlaced: () => checkoutsPlaced.inc(),
      checkoutFailed: (reason) => checkoutsFailed.inc({ reason }),
      payment: (outcome) => payments.inc({ outcome }),
      refund: (outcome) => refunds.inc({ outcome }),
    },
  };
}
