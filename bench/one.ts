/**
 * Runs one benchmark module in a fresh process and writes its results as JSON to the file named
 * by the second argument. Each module configures the portal's code for its own emulator, and
 * configuration is read once per process, so modules must not share one.
 */
import { writeFileSync } from 'node:fs';
import type { Result } from './lib';

const MODULES: Record<string, () => Promise<Result[]>> = {
  emulator: async () => (await import('./emulator')).benchEmulator(),
  search: async () => (await import('./search')).benchSearch(),
  reset: async () => (await import('./reset')).benchReset(),
  'reset-role': async () => (await import('./reset-role')).benchResetRole(),
  browser: async () => (await import('./browser')).benchBrowser(),
  audit: async () => (await import('./audit')).benchAudit(),
  load: async () => (await import('./load')).benchLoad(),
  directory: async () => (await import('./directory')).benchDirectory(),
  waves: async () => (await import('./waves')).benchWaves(),
};

const [name, out] = process.argv.slice(2);
const run = MODULES[name ?? ''];
if (!run || !out) {
  console.error(`usage: bench/one.ts ${Object.keys(MODULES).join('|')} OUT.json`);
  process.exit(2);
}
run()
  .then((results) => {
    writeFileSync(out, JSON.stringify(results));
    process.exit(0);
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
