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
    // Files run in parallel: every test server binds port 0 and every database is a fresh one
    // (test/databases.ts), so files cannot meet on a port or a row.
    fileParallelism: true,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
