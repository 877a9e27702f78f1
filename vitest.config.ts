import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 3,
    // Browser tests drive a real Chromium against a real server; on a busy 2-core runner they need room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
