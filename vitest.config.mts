import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // No Electron binary here: main-process modules load a stand-in that records what they ask of it.
    alias: { electron: resolve(import.meta.dirname, 'test/helpers/electron-stand-in.ts') },
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // A test that asserts nothing cannot fail: make that an error rather than a green tick.
    expect: { requireAssertions: true },
  },
});
