import { defineConfig } from 'vitest/config';

/** Unit tests: the webhook receiver and the drift check of the generated documents. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.e2e.test.ts'],
    testTimeout: 60_000,
  },
});
