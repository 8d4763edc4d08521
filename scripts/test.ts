/**
 * `npm test`: lint, types, unit tests, then the end-to-end suite, stopping at the first failure
 * and printing how long each step took (CI reads these to keep its time in check).
 */
import { spawnSync } from 'node:child_process';

const STEPS: Array<[string, string[], Record<string, string>?]> = [
  ['lint', ['run', 'lint']],
  ['typecheck', ['run', 'typecheck']],
  ['unit tests', ['run', 'test:unit']],
  // tsc has just checked the types: the build inside test:e2e skips its own second pass (next.config.js).
  ['e2e tests', ['run', 'test:e2e'], { PORTAL_TYPES_CHECKED: '1' }],
];

const timings: string[] = [];
for (const [name, args, env] of STEPS) {
  const started = performance.now();
  const run = spawnSync('npm', args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  timings.push(`${name} ${seconds} s`);
  console.log(`== ${name}: ${seconds} s (exit ${run.status})`);
  if (run.status !== 0) {
    console.log(`== npm test stopped at ${name}: ${timings.join(', ')}`);
    process.exit(run.status ?? 1);
  }
}
console.log(`== npm test: ${timings.join(', ')}`);
