import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // `server-only` throws outside Next's server bundles; unit tests run lib/ code directly.
    alias: { 'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)) },
  },
  test: {
    include: ['{lib,emulators,scripts,components,app}/**/*.test.ts'],
    environment: 'node',
    // Conformance tests start real HTTP servers; one file at a time keeps them off each other's ports.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
