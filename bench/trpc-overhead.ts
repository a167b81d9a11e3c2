/**
 * tRPC overhead: requests/s and latency of a trivial tRPC query (`catalog.categories`) through
 * Bazaar's HTTP stack, against bare node:http returning the same bytes; and a batch of ten of those
 * calls against one. Targets (issue 11): tRPC ≥ 0.5× bare; a batch of 10 costs ≤ 2× one call (its
 * requests/s ≥ half of one call's).
 * Loopback only; each target runs in its own process, all started at once. The three are measured
 * in interleaved rounds (the order turning each round) and each figure is the median over the
 * rounds: this machine's speed drifts by 2× over minutes, and targets measured minutes apart
 * compared the drift rather than the servers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startFlags } from './api-process.ts';
import { benchOptions } from './args.ts';
import { bundled } from './bundle.ts';
import { median } from './median.ts';

const {
  duration: DURATION_S,
  connections: CONNECTIONS,
  rounds: ROUNDS,
} = benchOptions('trpc-overhead', { duration: 12, connections: 20, rounds: 4 });
/** Seconds of load per target and round; `--duration` is each target's total. */
const ROUND_S = Math.max(1, Math.round(DURATION_S / ROUNDS));
const WARM_UP_S = Math.min(2, ROUND_S);
const PATH = '/trpc/catalog.categories';
const BATCH_PATH = `/trpc/${Array(10).fill('catalog.categories').join(',')}?batch=1&input=%7B%7D`;
const TARGETS = { ratio: 0.5, batchCost: 2 };

// The targets run bundled and with the API's node flags, as production runs the API.
const serverBundle = await bundled(join(import.meta.dirname, 'server.ts'));

async function startTarget(args: string[]): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [...startFlags(), serverBundle, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
    child.once('exit', (code) => reject(new Error(`target exited with ${code}`)));
  });
  return { port, child };
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(port: number, path: string, seconds: number): Promise<Figures> {
  const r = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    duration: seconds,
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
}

async function bodyOf(port: number, path: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  const body = await res.text();
  if (!res.ok) throw new Error(`target on ${port} answered ${res.status}: ${body}`);
  return body;
}

const trpc = await startTarget(['trpc']);
const children = [trpc.child];
try {
  const body = await bodyOf(trpc.port, PATH);
  const bodyFile = join(mkdtempSync(join(tmpdir(), 'bazaar-bench-')), 'body.json');
  writeFileSync(bodyFile, body);
  const bare = await startTarget(['bare', bodyFile]);
  children.push(bare.child);
  if ((await bodyOf(bare.port, PATH)) !== body)
    throw new Error('bare server did not return the same bytes');
  await bodyOf(trpc.port, BATCH_PATH);

  const targets = [
    { name: 'bare http', port: bare.port, path: PATH },
    { name: 'tRPC', port: trpc.port, path: PATH },
    { name: 'tRPC batch of 10', port: trpc.port, path: BATCH_PATH },
  ];
  for (const t of targets) await load(t.port, t.path, WARM_UP_S);
  const runs = targets.map(() => [] as Figures[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < targets.length; k++) {
      const index = (round + k) % targets.length;
      const t = targets[index] as (typeof targets)[number];
      (runs[index] as Figures[]).push(await load(t.port, t.path, ROUND_S));
    }
  }
  const [bareRuns, trpcRuns, batchRuns] = runs as [Figures[], Figures[], Figures[]];
  const summary = (f: Figures[]): Figures => ({
    rps: median(f.map((x) => x.rps)),
    p50: median(f.map((x) => x.p50)),
    p99: median(f.map((x) => x.p99)),
    errors: f.reduce((sum, x) => sum + x.errors, 0),
  });
  // Each round's ratios, then their median: a round compares servers measured seconds apart.
  const ratio = median(trpcRuns.map((f, i) => f.rps / (bareRuns[i] as Figures).rps));
  const batchCost = median(trpcRuns.map((f, i) => f.rps / (batchRuns[i] as Figures).rps));

  const row = (name: string, f: Figures) =>
    `${name.padEnd(16)} ${f.rps.toFixed(0).padStart(9)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   errors ${f.errors}`;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  console.log(
    `trivial query ${PATH}, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_S}s per target (medians)`,
  );
  for (const [index, t] of targets.entries())
    console.log(row(t.name, summary(runs[index] as Figures[])));
  console.log(
    `each round, tRPC / bare: ${trpcRuns.map((f, i) => (f.rps / (bareRuns[i] as Figures).rps).toFixed(2)).join(', ')}`,
  );
  console.log(
    `ratio tRPC / bare: ${ratio.toFixed(2)}x requests/s (target ≥ ${TARGETS.ratio}x: ${verdict(ratio >= TARGETS.ratio)})`,
  );
  console.log(
    `a batch of 10 costs ${batchCost.toFixed(2)}x one call (target ≤ ${TARGETS.batchCost}x: ${verdict(batchCost <= TARGETS.batchCost)})`,
  );
  if (runs.flat().some((f) => f.errors)) {
    console.error('trpc-overhead: some requests failed; the figures above are not comparable');
    process.exitCode = 1;
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
}
