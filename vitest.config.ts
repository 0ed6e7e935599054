import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The local sentence encoder takes a moment to load; HTTP tests start real servers on port 0.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
