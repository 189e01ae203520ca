import { defineConfig } from 'vitest/config';

// End-to-end tests: the real server started as `npm start` would (fresh embedded database, small demo
// county), driven through Debian's Chromium by playwright-core.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 300_000,
    // A page's first data can take seconds on a loaded two-core machine; polls wait up to 15 s, not 1 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
