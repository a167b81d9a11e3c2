/**
 * Storefront pages: pages/s and latency (p50/p95/p99) of the home page, the first category and
 * product it links to, and `/search?q=…` when the shop has that page, with `--connections` (16)
 * visitors at once, on the production build of the web app (`pnpm build`; run as `pnpm start`
 * runs it, dist/server.js) in three ways, each web server in its own process:
 *   - cached: the page cache on, every request for the same page (anonymous visitors);
 *   - miss:   the same server, every request a URL of its own (`?bench=<n>`), so each one is
 *             rendered (one render per URL) and stored, as for the first visitor of a page;
 *   - no cache (the baseline, measured in the same run): PAGE_CACHE_MB=0, how the shop served
 *             every page before the page cache, and what a signed-in shopper still costs.
 * Plus one visitor at a time on a miss (`--connections 1`): the latency a lone visitor of a cold
 * page sees. Browsers' `Accept-Encoding: gzip` on every request.
 *
 * The API: the one the build was made for (its API_URL) if it answers there, otherwise started
 * on that port on a scratch database seeded with the demo catalog, or on BENCH_DATABASE_URL
 * (e.g. a large catalog from `pnpm db:seed --products 20000`). Loopback only; every load phase
 * is bounded in time. Targets: cached ≥ 500 pages/s at p95 < 100 ms; a miss < 300 ms.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { seedDemoCatalog } from '../packages/db/src/seed/index.ts';
import {
  createTemplateDatabase,
  createTestDatabase,
  dropDatabase,
} from '../packages/db/src/testing.ts';
import { benchOptions } from './args.ts';

const { duration: DURATION_S, connections: CONNECTIONS } = benchOptions('storefront', {
  duration: 8,
  connections: 16,
});
const WARM_UP_S = Math.min(2, DURATION_S);
const TARGETS = { pagesPerSecond: 500, cachedP95Ms: 100, missMs: 300 };
const WEB_DIR = join(import.meta.dirname, '../apps/web');

/** The API origin the web build's rewrites were fixed to. */
function builtApiUrl(): string {
  let manifest: { rewrites?: { afterFiles?: { source: string; destination: string }[] } };
  try {
    manifest = JSON.parse(readFileSync(join(WEB_DIR, '.next/routes-manifest.json'), 'utf8'));
  } catch {
    throw new Error('no production build of the web app: run `pnpm build` first');
  }
  const trpc = manifest.rewrites?.afterFiles?.find((r) => r.source === '/trpc/:path*');
  const url = trpc?.destination.replace(/\/trpc\/:path\*$/, '');
  if (!url) throw new Error('the web build names no API_URL');
  return url;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  return fetch(url).then(
    (res) => res.ok,
    () => false,
  );
}

async function waitFor(url: string, child: ChildProcess, what: string) {
  const deadline = Date.now() + 90_000;
  while (!(await answers(url))) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`${what} did not answer ${url} within 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Only the basics of this environment reach a child: nothing else decides how it runs. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG']) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  return { ...env, ...extra };
}

const children: ChildProcess[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

async function startApi(apiUrl: string) {
  const { port } = new URL(apiUrl);
  let databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) {
    const template = await createTemplateDatabase((handle) => seedDemoCatalog(handle.db));
    const db = await createTestDatabase(template);
    await db.handle.close();
    databaseUrl = db.url;
    cleanups.push(
      () => dropDatabase(db.name),
      () => dropDatabase(template),
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'bazaar-bench-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const child = spawn(
    process.execPath,
    [...process.execArgv, join(import.meta.dirname, '../apps/api/src/main.ts')],
    {
      env: baseEnv({
        DATABASE_URL: databaseUrl,
        HOST: '127.0.0.1',
        PORT: port,
        DATA_DIR: dataDir,
        DEMO_MODE: 'false',
        LOG_LEVEL: 'fatal',
      }),
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.push(child);
  await waitFor(`${apiUrl}/readyz`, child, 'the API');
}

async function startWeb(apiUrl: string, extra: Record<string, string>): Promise<string> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(WEB_DIR, 'dist/server.js')], {
    cwd: WEB_DIR,
    env: baseEnv({
      API_URL: apiUrl,
      WEB_HOST: '127.0.0.1',
      WEB_PORT: String(port),
      PUBLIC_URL: origin,
      LOG_LEVEL: 'warn',
      ...extra,
    }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  await waitFor(`${origin}/admin/sign-in`, child, 'the web server');
  return origin;
}

interface Figures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  states: Record<string, number>;
}

/** Closed-loop load on `path` (a fresh URL per request when `unique`), bounded in time. */
async function load(
  origin: string,
  path: string,
  { unique, connections, seconds }: { unique: boolean; connections: number; seconds: number },
): Promise<Figures> {
  let n = 0;
  const latencies: number[] = [];
  const states: Record<string, number> = {};
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: origin,
        connections,
        duration: seconds,
        headers: { 'accept-encoding': 'gzip' },
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({
              ...req,
              path: unique
                ? `${path}${path.includes('?') ? '&' : '?'}bench=${Date.now()}-${n++}`
                : path,
            }),
            onResponse: (_status, _body, _context, headers) => {
              const state = String((headers as Record<string, unknown>)?.['x-page-cache'] ?? '-');
              states[state] = (states[state] ?? 0) + 1;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance?.on('response', (_client, _status, _bytes, responseTime) =>
    latencies.push(responseTime),
  );
  const result = await done;
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
  return {
    rps: latencies.length / seconds,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    errors: result.errors + result.non2xx + result.timeouts,
    states,
  };
}

async function measure(
  origin: string,
  path: string,
  unique: boolean,
  connections: number = CONNECTIONS,
) {
  if (!unique) await load(origin, path, { unique, connections, seconds: WARM_UP_S });
  return load(origin, path, { unique, connections, seconds: DURATION_S });
}

async function pagesToMeasure(origin: string): Promise<string[]> {
  const html = await (await fetch(`${origin}/`)).text();
  const category = /href="(\/c\/[^"?#]+)"/.exec(html)?.[1];
  const product = /href="(\/p\/[^"?#]+)"/.exec(html)?.[1];
  if (!category || !product) throw new Error('the home page links to no category or product');
  const paths = ['/', category, product];
  const word = /<h3[^>]*>.*?<a[^>]*>([A-Za-z]{3,})/.exec(html)?.[1]?.toLowerCase() ?? 'tee';
  if ((await fetch(`${origin}/search?q=${word}`)).status === 200) paths.push(`/search?q=${word}`);
  return paths;
}

const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;
const row = (name: string, f: Figures) =>
  `  ${name.padEnd(20)} ${f.rps.toFixed(0).padStart(6)} pages/s   p50 ${ms(f.p50)}   p95 ${ms(f.p95)}   p99 ${ms(f.p99)}${f.errors ? `   errors ${f.errors}` : ''}   ${Object.entries(
    f.states,
  )
    .map(([state, count]) => `${state} ${count}`)
    .join(', ')}`;

let failed = false;
try {
  const apiUrl = builtApiUrl();
  if (await answers(`${apiUrl}/readyz`)) console.log(`using the API already at ${apiUrl}`);
  else await startApi(apiUrl);
  const [cached, uncached] = [
    await startWeb(apiUrl, {}),
    await startWeb(apiUrl, { PAGE_CACHE_MB: '0' }),
  ];
  const paths = await pagesToMeasure(cached);
  console.log(
    `storefront pages, production build, ${CONNECTIONS} connections, ${DURATION_S}s per line (${WARM_UP_S}s warm-up before cached and no-cache lines)`,
  );
  const missed: string[] = [];
  for (const path of paths) {
    const hit = await measure(cached, path, false);
    const miss = await measure(cached, path, true);
    const lone = await measure(cached, path, true, 1);
    const base = await measure(uncached, path, false);
    console.log(path);
    console.log(row('cached', hit));
    console.log(row('miss', miss));
    console.log(row('miss, 1 visitor', lone));
    console.log(row('no cache (baseline)', base));
    console.log(`  cached / no cache: ${(hit.rps / base.rps).toFixed(1)}x pages/s`);
    if (hit.rps < TARGETS.pagesPerSecond || hit.p95 >= TARGETS.cachedP95Ms)
      missed.push(`${path} cached`);
    if (lone.p95 >= TARGETS.missMs) missed.push(`${path} miss`);
    if (hit.errors || miss.errors || lone.errors || base.errors) failed = true;
  }
  console.log(
    missed.length
      ? `targets missed: ${missed.join(', ')} (cached ≥ ${TARGETS.pagesPerSecond}/s at p95 < ${TARGETS.cachedP95Ms} ms; a lone miss p95 < ${TARGETS.missMs} ms)`
      : 'targets met: cached ≥ 500 pages/s at p95 < 100 ms, a lone miss p95 < 300 ms',
  );
  if (failed)
    console.error('storefront: some requests failed; the figures above are not comparable');
} finally {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map((child) =>
      child.exitCode === null && child.signalCode === null
        ? new Promise((resolve) => child.once('exit', resolve))
        : undefined,
    ),
  );
  for (const cleanup of cleanups) await cleanup().catch(() => {});
}
if (failed) process.exitCode = 1;
