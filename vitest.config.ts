import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The crash sweep over node_modules is slow; .ci/run runs it on its own (npm run test:crash).
    exclude: ['**/node_modules/**', 'test/**/*.slow.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
