/**
 * A benchmark target bundled as `pnpm build` bundles the API (esbuild, which tsup runs, without
 * keepNames): run from source, tsx names every function it compiles at run time, which cost a
 * trivial query 8–15% more CPU than production's bundle. The workspace packages (TypeScript source)
 * are bundled in and packages from npm stay outside, as in `apps/api/tsup.config.ts`. The bundle
 * is written under `apps/api/dist/`, so the packages it imports resolve as the API's own do.
 */
import { join } from 'node:path';
import { build } from 'esbuild';

const outDir = join(import.meta.dirname, '../apps/api/dist/bench');

export async function bundled(entry: string): Promise<string> {
  const outfile = join(outDir, `${entry.split('/').at(-1)?.replace(/\.ts$/, '')}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'npm-packages-outside',
        setup(b) {
          b.onResolve({ filter: /^[@a-z]/ }, (args) =>
            args.path.startsWith('@bazaar/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return outfile;
}
