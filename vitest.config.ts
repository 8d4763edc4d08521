import { availableParallelism } from 'node:os';
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
    // Vitest's default is one worker less than the cores: one worker on a 2-core machine, where the
    // files mostly wait on servers, databases and spawned commands. Three there: the suite took
    // 95-108 s in one worker, 63 s in two, 56 s in three, 55 s in four (measured side by side).
    maxWorkers: Math.max(availableParallelism(), 3),
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
