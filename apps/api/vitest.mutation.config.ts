import { configDefaults, defineProject, mergeConfig } from 'vitest/config';
import api from './vitest.config.ts';

/**
 * The API's tests for mutation testing (see the root `vitest.mutation.config.ts`). Without
 * isolation the test files of one run share one module graph: Stryker's runner runs them in one
 * thread anyway, and importing the server once instead of once per file makes each mutant about
 * twice as fast. Stryker still reloads the modules between mutants that need it.
 */
export default mergeConfig(
  api,
  defineProject({
    test: {
      isolate: false,
      exclude: [
        ...configDefaults.exclude,
        'test/cli.test.ts',
        'test/app.test.ts',
        'test/fuzz.test.ts',
        'test/job-queue.test.ts',
        'test/production.test.ts',
      ],
    },
  }),
);
