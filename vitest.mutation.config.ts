import { defineConfig } from 'vitest/config';

/**
 * The test projects mutation testing runs: the API's and the contract's, without the tests that
 * start whole processes or sample at random (CLI builds, the PGlite start, production-mode
 * refusals, the fuzz test, the job queue's timing tests), which
 * kill no mutant the others leave alive and would multiply the run time.
 */
export default defineConfig({
  test: {
    projects: ['packages/contracts/vitest.config.ts', 'apps/api/vitest.mutation.config.ts'],
  },
});
