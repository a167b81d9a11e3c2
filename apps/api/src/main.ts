import { createApp, demoCredentials } from './app.ts';
import { EnvError, loadEnv } from './env.ts';
import { createLogger } from './logger.ts';

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (err) {
  if (!(err instanceof EnvError)) throw err;
  console.error(err.message);
  process.exit(1);
}

const log = createLogger(env);
const app = await createApp(env, log);
app.server.listen(env.PORT, env.HOST, () => {
  log.info({ url: `http://${env.HOST}:${env.PORT}` }, 'api listening');
  console.log(`\n  Bazaar storefront: ${env.PUBLIC_URL}   (admin: ${env.PUBLIC_URL}/admin)`);
  if (env.DEMO_MODE) console.log(`  ${demoCredentials()}`);
  console.log('');
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    app.shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
