import { defineConfig } from 'vitest/config';

/** Slow suites (`*.slow.test.ts`): `npm test` (test/run.mjs) runs them after the default suite. */
export default defineConfig({
  test: {
    include: ['test/**/*.slow.test.ts'],
    testTimeout: 600_000,
    // Suites build the package once in beforeAll: slow on a loaded 2-core machine.
    hookTimeout: 600_000,
  },
});
