import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'tsup';

/**
 * The production API: one ESM bundle per entry, run with plain `node`. The workspace packages
 * (TypeScript source) are bundled in; everything from npm stays in node_modules.
 */
export default defineConfig({
  entry: { main: 'src/main.ts', cli: 'src/cli.ts' },
  outDir: 'dist',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  splitting: true,
  noExternal: [/^@bazaar\//],
  external: [/^(?!@bazaar\/)[@a-z]/],
  // The bundled @bazaar/db looks for its migrations next to the bundle.
  onSuccess: async () => {
    cpSync(resolve(import.meta.dirname, '../../packages/db/migrations'), 'dist/migrations', {
      recursive: true,
    });
  },
});
