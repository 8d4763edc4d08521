/**
 * `npm test`: lint, formatting and types side by side (ESLint, Prettier and tsc, each one core's
 * work), then the unit tests, then the end-to-end suite, stopping at the
 * first failure and printing how long each step took (CI reads these to keep its time in check).
 */
import { spawn } from 'node:child_process';

type Step = [name: string, args: string[], env?: Record<string, string>];

const STAGES: Step[][] = [
  [
    // npm run lint is ESLint then Prettier; here they run side by side with tsc (each is one core's work).
    ['lint', ['exec', 'eslint', '.']],
    ['format', ['run', 'format:check']],
    ['typecheck', ['run', 'typecheck']],
  ],
  [['unit tests', ['run', 'test:unit']]],
  // tsc has just checked the types: the build inside test:e2e skips its own second pass (next.config.ts).
  [['e2e tests', ['run', 'test:e2e'], { PORTAL_TYPES_CHECKED: '1' }]],
];

/** Runs one step; a step alone streams its output, steps side by side print theirs whole when done. */
function run([name, args, env]: Step, alone: boolean): Promise<{ name: string; code: number; seconds: string }> {
  const started = performance.now();
  const child = spawn('npm', args, { stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const output: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      if (!alone) process.stdout.write(Buffer.concat(output));
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      console.log(`== ${name}: ${seconds} s (exit ${code})`);
      resolve({ name, code: code ?? 1, seconds });
    }),
  );
}

const timings: string[] = [];
for (const stage of STAGES) {
  const results = await Promise.all(stage.map((step) => run(step, stage.length === 1)));
  timings.push(...results.map((r) => `${r.name} ${r.seconds} s`));
  const failed = results.find((r) => r.code !== 0);
  if (failed) {
    console.log(`== npm test stopped at ${failed.name}: ${timings.join(', ')}`);
    process.exit(failed.code);
  }
}
console.log(`== npm test: ${timings.join(', ')}`);
