import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleId, staffMember } from './fixtures.ts';
import { useTestApp } from './helpers.ts';

/**
 * `@bazaar/contracts` as an outside TypeScript developer gets it: packed by npm (its prepack
 * builds it), installed with its tRPC peers into a project of its own outside the workspace,
 * type-checked under both module resolutions a project may use (with lines that must not
 * compile), and run against a live API as ESM and as CommonJS; then again with the newest tRPC 11.
 */
const app = useTestApp();
const contracts = resolve(import.meta.dirname, '../../../packages/contracts');
const work = mkdtempSync(join(tmpdir(), 'bazaar-consumer-'));
const PINNED_TRPC = '11.22.1';

/** What the consumer scripts print: the API's answers, as the script saw them. */
interface Report {
  pagesSeen: number;
  cartItems: number;
  total: number;
  firstTitle: string;
  amountIsInteger: boolean;
  product: string;
  missing: { isBazaarError: boolean; code: string; appCode: string; httpStatus: number };
  /** A program signed in with a staff API key: its order, placed and read back. */
  order: { placed: number; readBack: number; lines: number; status: string };
}

const consumer = (requireOrImport: 'import' | 'require') => `
${
  requireOrImport === 'import'
    ? "import { createClient, isBazaarError, type AppRouter, type BazaarErrorCode, type Me } from '@bazaar/contracts';\nimport { fetchWithCookies } from '@bazaar/contracts/cookies';"
    : "import bazaar = require('@bazaar/contracts');\nimport cookies = require('@bazaar/contracts/cookies');\nconst { fetchWithCookies } = cookies;\nconst { createClient, isBazaarError } = bazaar;\ntype AppRouter = bazaar.AppRouter;\ntype BazaarErrorCode = bazaar.BazaarErrorCode;\ntype Me = bazaar.Me;"
}
import type { inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<AppRouter>;
// Exact types: dates are Dates, money integer amounts, permissions a literal union.
declare const sessions: Outputs['account']['sessions']['list'];
declare const listing: Outputs['catalog']['products']['list'];
export const typed = () => {
  const seen: Date = sessions[0]!.lastSeenAt;
  const amount: number = listing.items[0]!.priceMin.amount;
  // @ts-expect-error: a total is a number
  const wrong: string = listing.total;
  const permission: Me['permissions'][number] = 'catalog:write';
  // @ts-expect-error: not a permission
  const noSuch: Me['permissions'][number] = 'catalog:everything';
  return [seen, amount, wrong, permission, noSuch];
};

async function main() {
  const client = createClient({ url: process.argv[2]! });
  // Never called: lines that must not compile.
  const typeErrors = () => {
    // @ts-expect-error: there is no such procedure
    void client.catalog.products.nope;
    // @ts-expect-error: limit is a number
    void client.catalog.products.list.query({ limit: 'twenty' });
  };
  void typeErrors;
  const page = await client.catalog.products.list.query({ limit: 5, sort: 'price_asc', inStock: true });
  const first = page.items[0]!;
  const product = await client.catalog.products.bySlug.query({ slug: first.slug });
  let missing = { isBazaarError: false, code: '', appCode: '', httpStatus: 0 };
  try {
    await client.catalog.products.bySlug.query({ slug: 'no-such-product' });
  } catch (e) {
    if (!isBazaarError(e)) throw e;
    const appCode: BazaarErrorCode = e.data.appCode;
    // @ts-expect-error: not one of the app codes
    if (appCode === 'NO_SUCH_CODE') throw e;
    missing = { isBazaarError: true, code: e.data.code, appCode, httpStatus: e.data.httpStatus };
  }
  let pagesSeen = 0;
  for await (const listed of client.catalog.products.iterate({ limit: 2 })) {
    if (listed.items.length > 0) pagesSeen++;
    if (pagesSeen === 2) break;
  }
  // A shopper's cart lives in a cookie: kept between calls by the cookie jar.
  const shopper = createClient({ url: process.argv[2]!, fetch: fetchWithCookies() });
  const variant = product.variants.find((v) => v.stock > 0 && v.price !== null)!;
  await shopper.cart.add.mutate({ variantId: variant.id, quantity: 1 });
  const cartItems = (await shopper.cart.get.query()).itemCount;

  // A program signed in with a staff API key builds a cart, orders it and reads the order back.
  const staff = createClient({
    url: process.argv[2]!,
    headers: { authorization: \`Bearer \${process.argv[3]}\` },
    fetch: fetchWithCookies(),
  });
  const stocked = [...product.variants].sort((a, b) => b.stock - a.stock)[0]!;
  await staff.cart.add.mutate({ variantId: stocked.id, quantity: 2 });
  const quote = await staff.checkout.quote.query({ country: 'DE' });
  const placed = await staff.checkout.placeOrder.mutate({
    idempotencyKey: crypto.randomUUID(),
    email: 'program@example.com',
    shippingAddress: { fullName: 'Ada Program', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
    shippingMethodId: quote.shippingMethodId!,
    expectedTotal: quote.total,
  });
  const read = await staff.admin.orders.get.query({ id: placed.id });
  // @ts-expect-error: an order number is a number
  const numberText: string = read.number;
  void numberText;
  const order = {
    placed: placed.number,
    readBack: read.number,
    lines: read.lines.reduce((n, l) => n + l.quantity, 0),
    status: read.status,
  };
  console.log(JSON.stringify({
    pagesSeen,
    cartItems,
    total: page.total,
    firstTitle: first.title,
    amountIsInteger: Number.isInteger(first.priceMin.amount),
    product: product.title,
    missing,
    order,
  }));
}
// Exits at once: fetch keeps the connection open for as long as the server allows (65 s).
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
`;

const tsconfig = (moduleResolution: 'bundler' | 'nodenext', files: string[]) =>
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'ESNext.Disposable'],
      module: moduleResolution === 'bundler' ? 'ESNext' : 'NodeNext',
      moduleResolution,
      strict: true,
      noEmit: moduleResolution === 'bundler',
      outDir: 'out',
      // As `tsc --init` sets it: tRPC's own declarations need packages a client has no use for
      // (ws). What this package declares is checked below, by what its files import.
      skipLibCheck: true,
      types: ['node'],
    },
    files,
  });

/**
 * Runs a command to its end without blocking: the API under test runs in this process and must
 * keep answering (and its Redis connection alive) meanwhile.
 */
async function run(cwd: string, command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(command, args, { cwd, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[command, ...args].join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** A project outside the workspace with the tarball and tRPC `version` installed. */
async function project(name: string, tarball: string, trpcVersion: string): Promise<string> {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  await run(dir, 'npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    tarball,
    `@trpc/client@${trpcVersion}`,
    `@trpc/server@${trpcVersion}`,
    'typescript@5.9.3',
    '@types/node@20',
  ]);
  writeFileSync(join(dir, 'consumer.mts'), consumer('import'));
  writeFileSync(join(dir, 'consumer.cts'), consumer('require'));
  return dir;
}

/** Type-checks under bundler resolution, then compiles (nodenext) and runs ESM and CommonJS. */
async function checkAndRun(dir: string, url: string): Promise<{ esm: Report; cjs: Report }> {
  const tsc = join(dir, 'node_modules/typescript/bin/tsc');
  // A bundler takes ES modules only; Node takes both.
  writeFileSync(join(dir, 'tsconfig.bundler.json'), tsconfig('bundler', ['consumer.mts']));
  await run(dir, process.execPath, [tsc, '-p', 'tsconfig.bundler.json']);
  writeFileSync(join(dir, 'tsconfig.json'), tsconfig('nodenext', ['consumer.mts', 'consumer.cts']));
  await run(dir, process.execPath, [tsc, '-p', 'tsconfig.json']);
  const report = async (file: string) =>
    JSON.parse(await run(dir, process.execPath, [join('out', file), url, apiKey])) as Report;
  return { esm: await report('consumer.mjs'), cjs: await report('consumer.cjs') };
}

/**
 * The package's files copied out to be packed: packing rewrites its manifest for a moment, which
 * other test files running meanwhile must not see. Its dependencies are the workspace's.
 */
function packageCopy(): string {
  const copy = join(work, 'workspace/packages/contracts');
  mkdirSync(copy, { recursive: true });
  for (const entry of readdirSync(contracts)) {
    if (['node_modules', 'dist', 'test'].includes(entry) || entry.endsWith('.tgz')) continue;
    cpSync(join(contracts, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(contracts, 'node_modules'), join(copy, 'node_modules'));
  cpSync(join(contracts, '../../tsconfig.base.json'), join(work, 'workspace/tsconfig.base.json'));
  return copy;
}

let source = '';
let tarball = '';
let apiKey = '';
beforeAll(async () => {
  const maker = await staffMember(app().db, 'Owner');
  ({ token: apiKey } = await app().services.apiKeys.create(maker.id, {
    name: 'Published client test',
    roleId: await roleId(app().db, 'Support'),
  }));
  source = packageCopy();
  await run(source, 'npm', ['pack', '--silent', '--pack-destination', work]);
  const packed = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!packed) throw new Error('npm pack made no tarball');
  tarball = join(work, packed);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const expected = (report: Report) => {
  expect(report.total).toBeGreaterThan(0);
  expect(report.cartItems).toBe(1);
  expect(report.pagesSeen).toBe(2);
  expect(report.product).toBe(report.firstTitle);
  expect(report.amountIsInteger).toBe(true);
  expect(report.order.readBack).toBe(report.order.placed);
  expect(report.order.lines).toBe(2);
  expect(report.order.status).toBe('pending_payment');
  expect(report.missing).toEqual({
    isBazaarError: true,
    code: 'NOT_FOUND',
    appCode: 'NOT_FOUND',
    httpStatus: 404,
  });
};

describe('the published client', () => {
  it('ships its build, README and licence, no source, and declarations that import only its dependencies', async () => {
    const files = (await run(work, 'tar', ['-tzf', tarball])).trim().split('\n');
    expect(files).toEqual(
      expect.arrayContaining([
        'package/README.md',
        'package/LICENSE',
        'package/dist/esm/index.js',
        'package/dist/esm/index.d.ts',
        'package/dist/cjs/index.js',
        'package/dist/cjs/package.json',
      ]),
    );
    expect(files.filter((f) => f.startsWith('package/src/'))).toEqual([]);
    const manifest = JSON.parse(await run(work, 'tar', ['-xzOf', tarball, 'package/package.json']));
    expect(Object.keys(manifest.exports)).toEqual(['.', './client', './cookies']);
    expect(manifest.exports['.'].require.default).toBe('./dist/cjs/index.js');
    expect(Object.keys(manifest.peerDependencies)).toEqual(['@trpc/client', '@trpc/server']);
    const declarations = files.filter((f) => f.endsWith('.d.ts'));
    const imported = new Set<string>();
    for (const file of declarations) {
      const text = await run(work, 'tar', ['-xzOf', tarball, file]);
      for (const [, name] of text.matchAll(/(?:from |import\()["']([^."'][^"']*)["']/g)) {
        imported.add(
          name?.startsWith('@') ? name.split('/').slice(0, 2).join('/') : `${name?.split('/')[0]}`,
        );
      }
    }
    const dependencies = ['@trpc/client', '@trpc/server', 'superjson', 'tough-cookie', 'zod'];
    expect(dependencies).toEqual(expect.arrayContaining([...imported]));
    expect([...imported]).toEqual(expect.arrayContaining(['@trpc/server', 'zod']));
  });

  it('is the same package packed by pnpm', async () => {
    const byPnpm = join(work, 'pnpm');
    mkdirSync(byPnpm);
    await run(source, 'pnpm', ['pack', '--pack-destination', byPnpm]);
    const [packed] = readdirSync(byPnpm);
    const list = async (file: string) =>
      (await run(work, 'tar', ['-tzf', file])).trim().split('\n').sort();
    expect(await list(join(byPnpm, packed as string))).toEqual(await list(tarball));
    const manifest = JSON.parse(
      await run(work, 'tar', ['-xzOf', join(byPnpm, packed as string), 'package/package.json']),
    );
    expect(manifest.exports['.'].import.default).toBe('./dist/esm/index.js');
  }, 120_000);

  it('type-checks and runs, as ESM and as CommonJS, with the pinned tRPC', async () => {
    const dir = await project('pinned', tarball, PINNED_TRPC);
    const { esm, cjs } = await checkAndRun(dir, `${app().url}/trpc`);
    expected(esm);
    expected(cjs);
    expect({ ...cjs, order: null }).toEqual({ ...esm, order: null });
  }, 240_000);

  it('type-checks and runs with the newest tRPC 11', async () => {
    const dir = await project('newest', tarball, '^11');
    const { esm, cjs } = await checkAndRun(dir, `${app().url}/trpc`);
    expected(esm);
    expected(cjs);
    expect({ ...cjs, order: null }).toEqual({ ...esm, order: null });
    // One copy of tRPC: the project's, not a second one nested under the package.
    expect(() =>
      readdirSync(join(dir, 'node_modules/@bazaar/contracts/node_modules/@trpc')),
    ).toThrow();
  }, 240_000);
});
