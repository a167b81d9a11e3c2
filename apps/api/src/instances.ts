import cluster, { type Worker } from 'node:cluster';
import type { Env } from './env.ts';
import type { Logger } from './logger.ts';
import { aggregateInstanceMetrics } from './observability/instance-metrics.ts';

/**
 * `API_INSTANCES=N`: this process (the primary) runs no API itself; it forks N API processes that
 * share PORT through node:cluster, and hands each new connection to the next of them in turn.
 *
 * - The first instance starts alone (it migrates and seeds the database, creates the development
 *   secret key); the others once it listens.
 * - An instance that stops after it listened is replaced. One that stops before it listened (bad
 *   configuration, port taken, database down) stops them all: exit code 1.
 * - `/metrics`, scraped from whichever instance takes the connection, answers every instance's
 *   metrics summed (collected here: see observability/instance-metrics.ts).
 * - SIGTERM / SIGINT: every instance stops gracefully (see `App.shutdown`); exit code 0 when all
 *   stopped cleanly. An instance still running after twice SHUTDOWN_TIMEOUT_MS (its requests, then
 *   its jobs) and a margin is killed.
 */
export function runInstances(env: Env, log: Logger): void {
  cluster.schedulingPolicy = cluster.SCHED_RR;
  const alive = new Set<Worker>();
  const listening = new Set<Worker>();
  let stopping = false;
  let exitCode = 0;

  /** `first`: the others start once it listens. */
  function fork(first = false): void {
    const worker = cluster.fork();
    alive.add(worker);
    worker.once('listening', (address) => {
      listening.add(worker);
      if (first && !stopping) for (let n = 1; n < env.API_INSTANCES; n++) fork();
      if (listening.size === env.API_INSTANCES)
        log.info(
          { url: `http://${env.HOST}:${address.port}`, instances: env.API_INSTANCES },
          'api instances listening',
        );
    });
    worker.once('exit', (code, signal) => {
      alive.delete(worker);
      const wasListening = listening.delete(worker);
      const how = { pid: worker.process.pid, code, signal };
      if (stopping) {
        if (code !== 0) exitCode = 1;
        if (alive.size === 0) process.exit(exitCode);
      } else if (wasListening) {
        log.error(how, 'an api instance stopped; starting another');
        fork();
      } else {
        log.fatal(how, 'an api instance failed to start; stopping all');
        stop(1);
      }
    });
  }

  function stop(code: number): void {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    if (alive.size === 0) process.exit(exitCode);
    for (const worker of alive) worker.process.kill('SIGTERM');
    setTimeout(
      () => {
        log.error('api instances still running after the shutdown timeout; killing them');
        for (const worker of alive) worker.process.kill('SIGKILL');
        process.exit(1);
      },
      2 * env.SHUTDOWN_TIMEOUT_MS + 5_000,
    ).unref();
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      log.info({ signal, instances: alive.size }, 'stopping api instances');
      stop(0);
    });
  log.info({ pid: process.pid, instances: env.API_INSTANCES }, 'starting api instances');
  aggregateInstanceMetrics();
  fork(true);
}
