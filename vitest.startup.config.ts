import { defineConfig } from 'vitest/config';

// `npm start` rebuilds dist/, which test/e2e/restart.test.ts runs from, so the start-up tests run on their own, before
// the suite (`npm run test:startup`; .ci/run does this on every Node version it tests).
export default defineConfig({
  test: {
    include: ['test/startup/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
