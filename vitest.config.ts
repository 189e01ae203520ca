import { defineConfig } from 'vitest/config';

// Unit and integration tests. Integration tests use PGlite unless DATABASE_URL points at a PostgreSQL
// server; each test file gets its own database (see test/db.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/global-setup.ts'],
  },
});
