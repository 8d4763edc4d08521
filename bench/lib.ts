/**
 * Benchmark plumbing: results as rows with a budget, a printed table, bench/results.json, and an
 * exit code that fails when a budget is missed. Benchmarks measure; tests never time things.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { redirectUri, type DemoPorts } from '../scripts/demo-env';

export interface Result {
  benchmark: string;
  metric: string;
  value: number;
  unit: string;
  /** The value must stay at or below this (or at or above, with `atLeast`). */
  budget?: number;
  atLeast?: boolean;
  note?: string;
}

export const passes = (r: Result) => r.budget === undefined || (r.atLeast ? r.value >= r.budget : r.value <= r.budget);

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export async function timeEach(count: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * Times `baseline(i)` and `subject(i)` alternately, so both see the same machine noise (the
 * machines are shared), after `warmup` unrecorded rounds.
 */
export async function sideBySide(
  rounds: number,
  baseline: (i: number) => Promise<unknown>,
  subject: (i: number) => Promise<unknown>,
  warmup = 5,
): Promise<{ baseline: number[]; subject: number[] }> {
  const out = { baseline: [] as number[], subject: [] as number[] };
  for (let i = 0; i < rounds + warmup; i++) {
    const [b] = await timeEach(1, () => baseline(i));
    const [s] = await timeEach(1, () => subject(i));
    if (i >= warmup) {
      out.baseline.push(b!);
      out.subject.push(s!);
    }
  }
  return out;
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);

export function report(results: Result[], file = 'bench/results.json'): boolean {
  const rows = results.map((r) => [
    r.benchmark,
    r.metric,
    `${round(r.value)} ${r.unit}`,
    r.budget === undefined ? '' : `${r.atLeast ? '>=' : '<='} ${r.budget} ${r.unit}`,
    passes(r) ? 'ok' : 'MISSED',
  ]);
  const header = ['benchmark', 'metric', 'value', 'budget', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  const ok = results.every(passes);
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ok, results }, null, 2)}\n`);
  console.log(`\n${ok ? 'All budgets held.' : 'A budget was missed.'} Written to ${file}.`);
  return ok;
}

/** Starts a project command (e.g. the emulator) as its own process and waits for a line. */
export async function startProcess(args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = ready.exec(output);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`)));
  });
  return { child, match };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Resident memory of another process, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Waits until `url` answers 2xx: a server the bench started is up (a minute at most). */
export async function waitFor(url: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

/** alice signs in on the portal at `base` through the demo IdP: the real OIDC code flow. */
export async function signInAsAlice(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/users`);
  await page.getByRole('button', { name: /^Sign in/ }).click();
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/users`);
}

/** The WorkMail emulator and the demo IdP for a portal on `ports`, each started with `start`, once both answer. */
export async function startDemoServices(ports: DemoPorts, start: (args: string[]) => ChildProcess): Promise<ChildProcess[]> {
  const tsx = (file: string, ...args: string[]) => [process.execPath, '--import', 'tsx', file, ...args];
  const children = [
    start(tsx('emulators/workmail/main.ts', '--port', String(ports.workmail))),
    start(tsx('emulators/oidc/main.ts', '--port', String(ports.oidc), '--redirect-uri', redirectUri(ports.app))),
  ];
  await waitFor(`http://127.0.0.1:${ports.workmail}/__control/state`);
  await waitFor(`http://127.0.0.1:${ports.oidc}/.well-known/openid-configuration`);
  return children;
}
