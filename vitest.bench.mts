import { defineConfig } from 'vitest/config';

// Benchmarks print figures and ratios against a baseline measured in the same run; they never fail on time.
export default defineConfig({
  test: {
    include: ['test/bench/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 600_000,
    fileParallelism: false,
  },
});
