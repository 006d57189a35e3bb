import { defineConfig } from 'vitest/config';

/** The partner app against a live API server (the production build, on a free port). */
export default defineConfig({
  test: {
    include: ['test/**/*.e2e.test.ts'],
    globalSetup: ['./test/live-server.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
