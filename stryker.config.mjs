// Mutation testing (`pnpm test:mutation`): StrykerJS 9 with its vitest runner over the security
// code, the accounts and admin services and the router's error and access handling. Not part of
// `pnpm test`: it reruns the DB-backed tests once per mutant (see README, "Mutation testing").
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'pnpm',
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level constant: the built-in role table, the default limits) can
  // only be tested by rerunning every test, which would make the run hours longer. Those tables
  // are pinned by tests of their own (built-in-roles, rate-limit-rules) instead.
  ignoreStatic: true,
  mutate: [
    'apps/api/src/security/**/*.ts',
    'apps/api/src/services/accounts/**/*.ts',
    'apps/api/src/services/admin/**/*.ts',
    'packages/contracts/src/trpc.ts',
  ],
  // Two test processes, each with its own PostgreSQL databases and Redis keys; the machine has
  // two cores.
  concurrency: 2,
  timeoutMS: 10_000,
  timeoutFactor: 2,
  // The initial run (~740 DB-backed tests, coverage per test) takes ~5 minutes on the 2-core CI
  // machine, which is Stryker's default limit for it.
  dryRunTimeoutMinutes: 15,
  ignorePatterns: [
    'apps/web',
    'bench',
    '.data',
    'reports',
    '.stryker-tmp*',
    '**/dist',
    '**/.turbo',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  // Reruns only mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
