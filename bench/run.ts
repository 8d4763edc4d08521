/** `npm run bench`: every benchmark, one table, bench/results.json, non-zero exit on a missed budget. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report, type Result } from './lib';

const MODULES = ['emulator', 'search', 'reset', 'reset-role', 'audit', 'browser', 'load', 'directory', 'waves'];

function main() {
  // Optional: `npm run bench -- audit search` runs only those.
  const only = process.argv.slice(2);
  const modules = only.length ? MODULES.filter((m) => only.includes(m)) : MODULES;
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const results: Result[] = [];
  let failed = false;
  for (const name of modules) {
    const out = join(dir, `${name}.json`);
    console.log(`bench: ${name}...`);
    const child = spawnSync(process.execPath, ['--expose-gc', '--conditions=react-server', '--import', 'tsx', 'bench/one.ts', name, out], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (child.status !== 0) {
      console.error(`bench: ${name} failed (exit ${child.status})`);
      failed = true;
      continue;
    }
    results.push(...(JSON.parse(readFileSync(out, 'utf8')) as Result[]));
  }
  const ok = report(results);
  process.exit(ok && !failed ? 0 : 1);
}

main();
