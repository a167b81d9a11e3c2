/**
 * tRPC overhead: requests/s and latency of a trivial tRPC query (`catalog.categories`) through
 * Bazaar's HTTP stack, against bare node:http returning the same bytes, measured in one run; and
 * a batch of ten of those calls against one. Targets (issue 11): tRPC ≥ 0.5× bare; a batch of 10
 * costs ≤ 2× one call (its requests/s ≥ half of one call's).
 * Loopback only; each target runs in its own process; every load phase is bounded in time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { benchOptions } from './args.ts';

const { duration: DURATION_S, connections: CONNECTIONS } = benchOptions('trpc-overhead', {
  duration: 8,
  connections: 20,
});
const WARM_UP_S = Math.min(2, DURATION_S);
const PATH = '/trpc/catalog.categories';
const BATCH_PATH = `/trpc/${Array(10).fill('catalog.categories').join(',')}?batch=1&input=%7B%7D`;
const TARGETS = { ratio: 0.5, batchCost: 2 };

async function startTarget(args: string[]): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn('pnpm', ['exec', 'tsx', join(import.meta.dirname, 'server.ts'), ...args], {
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

async function load(port: number, path: string): Promise<Figures> {
  const url = `http://127.0.0.1:${port}${path}`;
  await autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_S });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
}

async function measure(args: string[], path = PATH): Promise<{ figures: Figures; body: string }> {
  const { port, child } = await startTarget(args);
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    const body = await res.text();
    if (!res.ok) throw new Error(`${args[0]} target answered ${res.status}: ${body}`);
    return { figures: await load(port, path), body };
  } finally {
    child.kill('SIGTERM');
  }
}

const trpc = await measure(['trpc']);
const bodyFile = join(mkdtempSync(join(tmpdir(), 'bazaar-bench-')), 'body.json');
writeFileSync(bodyFile, trpc.body);
const bare = await measure(['bare', bodyFile]);
if (bare.body !== trpc.body) throw new Error('bare server did not return the same bytes');

const batch = await measure(['trpc'], BATCH_PATH);

const row = (name: string, f: Figures) =>
  `${name.padEnd(16)} ${f.rps.toFixed(0).padStart(9)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   errors ${f.errors}`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
console.log(`trivial query ${PATH}, ${CONNECTIONS} connections, ${DURATION_S}s per target`);
console.log(row('bare http', bare.figures));
console.log(row('tRPC', trpc.figures));
console.log(row('tRPC batch of 10', batch.figures));
const ratio = trpc.figures.rps / bare.figures.rps;
const batchCost = trpc.figures.rps / batch.figures.rps;
console.log(
  `ratio tRPC / bare: ${ratio.toFixed(2)}x requests/s (target ≥ ${TARGETS.ratio}x: ${verdict(ratio >= TARGETS.ratio)})`,
);
console.log(
  `a batch of 10 costs ${batchCost.toFixed(2)}x one call (target ≤ ${TARGETS.batchCost}x: ${verdict(batchCost <= TARGETS.batchCost)})`,
);
if (bare.figures.errors || trpc.figures.errors || batch.figures.errors) {
  console.error('trpc-overhead: some requests failed; the figures above are not comparable');
  process.exitCode = 1;
}
