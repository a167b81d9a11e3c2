/**
 * The real API in a process of its own, on a given database. By default configured as production
 * runs it (NODE_ENV=production: no demo mode, no development mailbox, Stripe as the payment
 * provider — pointed at a closed local port, as nothing here pays); with `mode: 'development'`
 * as `pnpm dev` runs it (the test payment provider, the development mailbox and secret key).
 * Nothing from the developer's environment decides how it runs. It is the built API (see
 * `builtApi`), run by the same node with the flags of the API's `start` script and those of the
 * calling process, so `node --cpu-prof --import tsx bench/….ts` profiles the API too.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ApiProcess {
  port: number;
  child: ChildProcess;
  /** Rejects when the API exits. */
  exited: Promise<never>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let built: string | undefined;
/**
 * The API as production runs it: the bundle `pnpm build` makes (tsup), built once per benchmark
 * process from the current source. Run from source, tsx names every function it compiles at run
 * time (esbuild's keepNames), which cost a trivial query ~8% more CPU than the bundle.
 */
function builtApi(): string {
  built ??= (() => {
    execFileSync('pnpm', ['--filter', '@bazaar/api', 'build'], { stdio: 'ignore' });
    return join(import.meta.dirname, '../apps/api/dist/main.js');
  })();
  return built;
}

/** The node flags of the API's `start` script, which production runs (`--max-semi-space-size`). */
export function startFlags(): string[] {
  const manifest = join(import.meta.dirname, '../apps/api/package.json');
  const script = (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts: { start: string } })
    .scripts.start;
  const flags = /\bnode((?:\s+--\S+)*)\s+dist\/main\.js\b/.exec(script)?.[1];
  if (flags === undefined) throw new Error(`bench: cannot read the API's start script: ${script}`);
  return flags.split(/\s+/).filter(Boolean);
}

/** What production requires (see the API's env.ts); development runs without them. */
const productionSettings = (port: number) => ({
  NODE_ENV: 'production',
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  SECRET_KEYS: randomBytes(32).toString('base64'),
  SMTP_URL: 'smtp://127.0.0.1:9',
  PAYMENT_PROVIDER: 'stripe',
  STRIPE_SECRET_KEY: 'sk_test_bench',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_bench',
  STRIPE_WEBHOOK_SECRET: 'whsec_bench',
  STRIPE_API_URL: 'http://127.0.0.1:9',
});

/**
 * Starts the API and waits until it answers /readyz (60 s at most). `settings` are environment
 * variables on top of the mode's (e.g. DB_POOL_MAX).
 */
export async function startApi(
  databaseUrl: string,
  settings: Record<string, string> = {},
  { mode = 'production' }: { mode?: 'production' | 'development' } = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bazaar-bench-api-'));
  // Only the basics are passed on from the developer's environment.
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG']) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  Object.assign(env, {
    ...(mode === 'production' ? productionSettings(port) : {}),
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    // Quiet; only a crash (logged as fatal) would say why the API stopped.
    LOG_LEVEL: 'fatal',
    ...settings,
  });
  const main = builtApi();
  const child = spawn(process.execPath, [...startFlags(), ...process.execArgv, main], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`the API exited (${signal ?? code})`))),
  );
  exited.catch(() => {});
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      const ready = await Promise.race([
        fetch(`http://127.0.0.1:${port}/readyz`).then(
          (res) => res.ok,
          () => false,
        ),
        exited,
      ]);
      if (ready) return { port, child, exited, stop };
      if (Date.now() > deadline) throw new Error('the API did not answer /readyz within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
