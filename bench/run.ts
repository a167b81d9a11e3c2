/**
 * `pnpm bench [name …] [--duration <seconds>] [other options]`: runs the named benchmarks, or all
 * of them, one after the other, each in its own process so none disturbs another. Options are
 * passed to every benchmark; each takes `--duration`. Exits non-zero if any benchmark failed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const benchmarks = {
  'trpc-overhead': 'requests/s of a trivial tRPC query against bare node:http',
  'sign-in-timing': 'failed sign-in latency, unknown email vs known email',
  'catalog-import': 'CSV import of 10,000 rows, bulk vs row by row',
  checkout: 'checkout.placeOrder through the API vs the same SQL by postgres.js',
  'catalog-browse': 'listings, search and facets over 100,000 products; the API vs its SQL by hand',
  storefront: 'storefront pages/s and latency, page cache on (hits, misses) vs off',
};
type Benchmark = keyof typeof benchmarks;
const isBenchmark = (name: string): name is Benchmark => Object.hasOwn(benchmarks, name);

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const firstOption = args.findIndex((arg) => arg.startsWith('-'));
const names = firstOption === -1 ? args : args.slice(0, firstOption);
const options = firstOption === -1 ? [] : args.slice(firstOption);

const unknown = names.filter((name) => !isBenchmark(name));
if (unknown.length) {
  const list = Object.entries(benchmarks).map(([name, what]) => `  ${name.padEnd(16)} ${what}`);
  console.error(`Unknown benchmark ${unknown.join(', ')}. Benchmarks:\n${list.join('\n')}`);
  process.exit(2);
}

const failed: string[] = [];
for (const name of names.length
  ? (names as Benchmark[])
  : (Object.keys(benchmarks) as Benchmark[])) {
  console.log(`\n── ${name}: ${benchmarks[name]}`);
  // The same node and tsx loader as this process.
  const run = spawnSync(
    process.execPath,
    [...process.execArgv, join(import.meta.dirname, `${name}.ts`), ...options],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) failed.push(`${name} (${run.signal ?? `exit ${run.status}`})`);
}
if (failed.length) {
  console.error(`\nbench: failed: ${failed.join(', ')}`);
  process.exit(1);
}
