import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Slow suites (crash sweep, recipes, live redis-server model) run in their own pass of npm test.
    exclude: ['**/node_modules/**', 'test/**/*.slow.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
