import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The start-up tests run `npm start`, which rebuilds dist/ under the other tests' feet: vitest.startup.config.ts.
    exclude: [...configDefaults.exclude, 'test/startup/**'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
