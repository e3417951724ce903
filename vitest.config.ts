import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The start-up tests run `npm start`, which rebuilds dist/ under the other tests' feet: vitest.startup.config.ts.
    exclude: [...configDefaults.exclude, 'test/startup/**'],
    globalSetup: ['test/support/global-setup.ts'],
    // Every card the bot sends in a test is checked for technical facts outside its Details part.
    setupFiles: ['test/support/sent-card-guard.ts'],
    pool: 'forks',
    // Test files share a worker's module cache instead of re-importing botbuilder, the Graph SDK and the sandbox for
    // each of 110 files: the suite's CPU time drops from about 420 s to 240 s (import 134 s -> 19 s), which is what
    // lets CI run it on three Node lines. No test relies on a fresh module state (the whole suite passes this way).
    isolate: false,
    // Most of the suite waits on loopback upstreams and timers rather than the CPU, so two workers on a 2-core machine.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
