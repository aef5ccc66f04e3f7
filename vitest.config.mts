import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // A test that asserts nothing cannot fail: make that an error rather than a green tick.
    expect: { requireAssertions: true },
  },
});
