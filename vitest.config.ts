import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Fixture sites are built once, before any test file runs; build tests read the results.
    globalSetup: ['tests/build/global-setup.ts'],
    testTimeout: 20_000,
  },
});
