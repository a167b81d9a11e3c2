/**
 * Before `npm pack`/`pnpm pack` (and publish): builds `dist/esm` and `dist/cjs` from the source,
 * and points the manifest's `exports` at them (the workspace's point at `src`, which the tarball
 * does not ship). `postpack.mjs` puts the workspace manifest back. pnpm would apply
 * `publishConfig.exports` itself; npm does not, hence the rewrite.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const WORKSPACE_MANIFEST = 'package.workspace.json';
if (existsSync(WORKSPACE_MANIFEST)) {
  // A pack that failed half-way left the published manifest in place: start from the saved one.
  copyFileSync(WORKSPACE_MANIFEST, 'package.json');
}
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });
for (const config of ['tsconfig.build.json', 'tsconfig.build-cjs.json']) {
  execFileSync(process.execPath, [tsc, '-p', config], { stdio: 'inherit' });
}
// The package is "type": "module"; the CommonJS build says it is CommonJS.
writeFileSync('dist/cjs/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
copyFileSync('package.json', WORKSPACE_MANIFEST);
manifest.exports = manifest.publishConfig.exports;
manifest.main = './dist/cjs/index.js';
manifest.module = './dist/esm/index.js';
manifest.types = './dist/cjs/index.d.ts';
writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
