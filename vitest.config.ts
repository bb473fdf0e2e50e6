import { configDefaults, defineConfig } from 'vitest/config';

// One runner for every suite: unit (pure shared/), api (real HTTP + temp lowdb/PostgreSQL),
// bot (wechaty-puppet-mock), e2e (h5 build in Chromium). Files run in parallel processes.
//
// Two projects: "lowdb" runs everything on the embedded store; "postgres" runs the API and fuzz suites
// again with TEST_STORE=postgres, plus the suites that need PostgreSQL, on a throwaway cluster started by
// the global setup (test/helpers/pg-global-setup.ts).
const needsPostgres = ['test/store/**/*.test.ts', 'test/faults/postgres-*.test.ts', 'test/faults/multiprocess.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
    // Fails a test whose servers wrote without the locks the write needs (server/store/audit.ts).
    setupFiles: ['test/helpers/lock-audit-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'lowdb',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...needsPostgres],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/api/**/*.test.ts', 'test/fuzz/**/*.test.ts', ...needsPostgres],
          env: { TEST_STORE: 'postgres' },
          globalSetup: ['test/helpers/pg-global-setup.ts'],
        },
      },
    ],
  },
});
