import { configDefaults, defineProject, mergeConfig } from 'vitest/config';
import api from './vitest.config.ts';

/** The API's tests for mutation testing (see the root `vitest.mutation.config.ts`). */
export default mergeConfig(
  api,
  defineProject({
    test: {
      exclude: [
        ...configDefaults.exclude,
        'test/cli.test.ts',
        'test/app.test.ts',
        'test/fuzz.test.ts',
      ],
    },
  }),
);
