/** `npm run bench`: every benchmark, one table, bench/results.json, non-zero exit on a missed budget. */
import { benchBrowser } from './browser';
import { benchEmulator } from './emulator';
import { report, type Result } from './lib';
import { benchReset } from './reset';
import { benchSearch } from './search';

async function main() {
  const results: Result[] = [];
  results.push(...(await benchEmulator()));
  results.push(...(await benchSearch()));
  results.push(...(await benchReset()));
  results.push(...(await benchBrowser()));
  process.exit(report(results) ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
