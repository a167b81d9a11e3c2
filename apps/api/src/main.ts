import cluster from 'node:cluster';
import { type App, createApp, ownUrl } from './app.ts';
import { type Env, EnvError, loadEnv } from './env.ts';
import { runInstances } from './instances.ts';
import { createLogger, type Logger } from './logger.ts';

let env: Env;
try {
  env = loadEnv();
} catch (err) {
  if (!(err instanceof EnvError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const log: Logger = createLogger(env);

// Crashes are logged once, as structured lines, before the process ends.
process.on('unhandledRejection', (reason) => {
  log.fatal({ err: reason }, 'unhandled promise rejection');
  process.exit(1);
});
process.on('uncaughtException', (err) => {
  log.fatal({ err }, 'uncaught exception');
  process.exit(1);
});

if (cluster.isPrimary && env.API_INSTANCES > 1) runInstances(env, log);
else await runApi();

async function runApi() {
  // Installed before migrations run: a signal during start-up stops as soon as the app exists.
  let app: App | undefined;
  let stopRequested = false;
  function exitAfterShutdown(running: App, code = 0) {
    running.shutdown().then(
      () => process.exit(code),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  }
  function onSignal(signal: NodeJS.Signals) {
    if (stopRequested) return;
    stopRequested = true;
    log.info({ signal }, 'shutting down');
    if (app) exitAfterShutdown(app);
  }
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  log.info({ pid: process.pid }, 'starting');

  app = await createApp(env, log);
  if (stopRequested) exitAfterShutdown(app);
  else listen(app);

  function listen(running: App) {
    running.server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EADDRINUSE' && err.code !== 'EACCES') throw err;
      const why = err.code === 'EADDRINUSE' ? 'is already in use' : 'is not allowed';
      console.error(
        `Bazaar API: port ${env.PORT} on ${env.HOST} ${why}. Stop what uses it, or set PORT (and the web app's API_URL) to a free port.`,
      );
      exitAfterShutdown(running, 1);
    });
    running.server.listen(env.PORT, env.HOST, () => {
      log.info({ url: ownUrl(running.server, '') }, 'api listening');
    });
  }
}
