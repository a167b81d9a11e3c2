import { defineConfig } from 'tsup';

// The web server (server.ts) for plain `node dist/server.js`. Dependencies (next, zod,
// proxy-addr) stay imports from node_modules; the app's own modules are bundled in.
export default defineConfig({
  entry: ['server.ts'],
  outDir: 'dist',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  clean: true,
  splitting: false,
  silent: true,
});
