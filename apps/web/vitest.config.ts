import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

// The web app's own logic (src/lib): pure functions, no DOM, no servers.
export default defineProject({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    name: 'web',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
