/**
 * `pnpm start`: the shop on this machine in one command. Builds what changed (quietly), starts
 * the API and the web server (`--instances N`: N API processes on the API's port, as
 * API_INSTANCES=N does), waits until the storefront really answers, and only then says
 * where it is (with the demo Owner's sign-in in demo mode). If either server stops, so does the
 * other, and this exits non-zero; Ctrl-C stops both gracefully and exits 0.
 *
 * Run as `exec node --import tsx` in package.json. `exec`: a shell between pnpm and this process
 * would die of the Ctrl-C itself, and pnpm would report "Command failed" however cleanly
 * everything stopped. `--import tsx` rather than the tsx CLI: the CLI's signal relay SIGKILLs a
 * child that takes over 30 ms to acknowledge Ctrl-C, which a busy machine easily does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DEMO_OWNER } from '@bazaar/db/demo-owner';

const root = resolve(import.meta.dirname, '..');
const STOP_TIMEOUT_MS = 15_000;
const READY_TIMEOUT_MS = 180_000;

/** An environment variable, with empty meaning unset (as the apps read them). */
function setting(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

const apiUrl = setting('API_URL', `http://127.0.0.1:${setting('PORT', '4000')}`);
const webPort = setting('WEB_PORT', '3000');
const webHost = setting('WEB_HOST', '127.0.0.1');
// Both apps must agree on the public origin (the API accepts mutations only from it).
const publicUrl = setting('PUBLIC_URL', `http://localhost:${webPort}`).replace(/\/+$/, '');
const demoMode = ['true', '1'].includes(
  setting('DEMO_MODE', process.env.NODE_ENV === 'production' ? 'false' : 'true'),
);

const flags = (() => {
  try {
    return parseArgs({ options: { instances: { type: 'string' } } }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\nUsage: pnpm start [--instances N]`);
    process.exit(2);
  }
})();

const env: NodeJS.ProcessEnv = {
  ...process.env,
  // Checked by the API, which names what several instances need.
  ...(flags.instances === undefined ? {} : { API_INSTANCES: flags.instances }),
  PUBLIC_URL: publicUrl,
  // One line per request is noise here; LOG_LEVEL=info brings them back.
  LOG_LEVEL: setting('LOG_LEVEL', 'warn'),
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
};

const demoOwner = demoMode ? DEMO_OWNER : undefined;

/** What runs now, by name; `group`: it leads its own process group (the servers do). */
const running = new Map<string, { child: ChildProcess; group: boolean }>();
let stopping = false;

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (!stopping) console.log('\nStopping Bazaar…');
    void stop(0);
  });
}

await build();
startServer('API', '@bazaar/api');
startServer('web server', '@bazaar/web');
const deadline = Date.now() + READY_TIMEOUT_MS;
if (!(await answers(`${apiUrl}/readyz`, deadline)) || !(await answers(storefrontUrl(), deadline))) {
  console.error(`\nThe storefront did not answer within ${READY_TIMEOUT_MS / 1000} s; stopping.`);
  await stop(1);
}
printBanner();

/** `turbo run build`, its output shown only when it fails. */
async function build() {
  console.log('Building Bazaar (the first build takes a minute or two)…');
  const turbo = spawn('turbo', ['run', 'build', '--output-logs=errors-only'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.set('build', { child: turbo, group: false });
  let output = '';
  turbo.stdout.on('data', (chunk: Buffer) => (output += chunk));
  turbo.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((done) => turbo.on('close', done));
  running.delete('build');
  if (stopping) return new Promise<never>(() => {});
  if (code !== 0) {
    console.error(`${output.trimEnd()}\n\nThe build failed (see above).`);
    process.exit(1);
  }
}

/** Runs a package's `start` script in its own process group, so Ctrl-C reaches it only via us. */
function startServer(name: string, pkg: string) {
  const child = spawn('pnpm', ['--silent', '--filter', pkg, 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  running.set(name, { child, group: true });
  child.on('exit', (code, signal) => {
    running.delete(name);
    if (stopping) return;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    const others = [...running.keys()].filter((n) => n !== 'build');
    console.error(`\nThe ${name} stopped (${how}); stopping ${others.join(' and ') || 'Bazaar'}.`);
    void stop(1);
  });
}

/** The home page on this machine: it renders only once both the web server and the API answer. */
function storefrontUrl() {
  const host = ['0.0.0.0', '::'].includes(webHost) ? '127.0.0.1' : webHost;
  return `http://${host.includes(':') ? `[${host}]` : host}:${webPort}/`;
}

/**
 * Polls `url` until it answers 200. The API's readiness comes first: the storefront asked before
 * would log each failed API call it makes while the API is still migrating.
 */
async function answers(url: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await res.body?.cancel();
      if (res.status === 200) return true;
    } catch {
      // Not listening yet.
    }
    await sleep(500);
  }
  return false;
}

function printBanner() {
  const owner = demoOwner;
  const lines = [
    '',
    '  Bazaar is ready.',
    '',
    `  Storefront   ${publicUrl}`,
    `  Admin        ${publicUrl}/admin`,
    ...(Number(env.API_INSTANCES) > 1
      ? [`  API          ${env.API_INSTANCES} instances behind ${apiUrl}`]
      : []),
    ...(owner
      ? [`  Demo Owner   ${owner.email} / ${owner.password}   (demo mode: never in production)`]
      : []),
    '',
    '  Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
}

/** Stops every child (SIGINT to its process group, as a terminal's Ctrl-C would), then exits. */
async function stop(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    const exited = [...running.values()].map(
      (entry) =>
        new Promise<void>((done) => {
          const { child } = entry;
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          sendSignal(entry, 'SIGINT');
        }),
    );
    const timedOut = sleep(STOP_TIMEOUT_MS).then(() => true);
    if (await Promise.race([Promise.all(exited).then(() => false), timedOut])) {
      for (const entry of running.values()) sendSignal(entry, 'SIGKILL');
      exitCode ||= 1;
    }
    process.exit(exitCode);
  }
  return new Promise<never>(() => {});
}

function sendSignal(
  { child, group }: { child: ChildProcess; group: boolean },
  name: NodeJS.Signals,
) {
  if (child.pid === undefined) return;
  try {
    if (group) process.kill(-child.pid, name);
    else child.kill(name);
  } catch {
    // Already gone.
  }
}
