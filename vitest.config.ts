import { defineConfig } from 'vitest/config';

// One runner for every suite: unit (pure shared/), api (real HTTP + temp lowdb/PostgreSQL),
// bot (wechaty-puppet-mock), e2e (h5 build in Chromium). Files run in parallel processes.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
    // A throwaway PostgreSQL cluster for the PostgreSQL suites (test/helpers/postgres.ts).
    globalSetup: ['test/helpers/pg-global-setup.ts'],
  },
});
