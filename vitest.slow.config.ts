import { defineConfig } from 'vitest/config';

/** Slow suites (`*.slow.test.ts`): run by .ci/run after the default suite. */
export default defineConfig({
  test: {
    include: ['test/**/*.slow.test.ts'],
    passWithNoTests: true,
    testTimeout: 600_000,
  },
});
