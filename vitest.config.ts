import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'eval/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // dist/ rebuilt when src/ is newer; one throwaway PostgreSQL server for the run (or
    // TEST_DATABASE_URL), whose tests skip without one.
    globalSetup: ['test/support/build-dist.ts', 'src/store/postgres/testing/pg-global-setup.ts'],
  },
});
