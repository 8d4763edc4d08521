import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{lib,emulators,scripts,components,app}/**/*.test.ts'],
    environment: 'node',
    // Conformance tests start real HTTP servers; one file at a time keeps them off each other's ports.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
