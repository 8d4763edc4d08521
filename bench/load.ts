/**
 * Issue 12's B12: what a request costs the server. The production server (the standalone build,
 * started as `npm start` starts it) with the emulator and the demo IdP on loopback, signed in as
 * alice (an admin); autocannon sends a fixed number of requests to each target and we read the
 * portal's own CPU time (utime + stime from /proc/<pid>/stat) before and after, so the load
 * generator's CPU is not counted. Memory is the server's peak resident set (VmHWM) after all runs.
 *
 * For a closer look (docs/decisions/010-request-cost.md): `BENCH_PORTAL_FLAGS` adds node flags to
 * the portal only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, `--trace-gc`), `BENCH_PORTAL_LOG=<file>`
 * keeps its standard output, and `BENCH_LOAD_ONLY=<word>` runs only the targets whose name holds it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { chromium } from '@playwright/test';
import { chromiumExecutable } from '../scripts/browser';
import { demoEnvironment, type DemoPorts } from '../scripts/demo-env';
import { startCommand } from '../scripts/lib/start-command';
import { signInAsAlice, startDemoServices, waitFor, type Result } from './lib';

const PORTS: DemoPorts = { app: 3300, workmail: 4510, oidc: 4511 };
const BASE = `http://localhost:${PORTS.app}`;
/** Connections autocannon keeps open: enough to keep the server busy, few enough for 2 cores. */
const CONNECTIONS = 4;

interface Target {
  name: string;
  path: string;
  /** Requests per round. */
  requests: number;
  /**
   * Unmeasured rounds first. A page's cost falls over its first ~1,600 requests after start while
   * V8 optimizes the render path (15.2 → 7–9 ms a search, round by round from a fresh portal), so
   * the budget, which is about capacity under load, is checked on the steady state; the first
   * round is reported beside it (docs/decisions/010-request-cost.md).
   */
  warmupRounds: number;
  /** Text every measured response must hold: a redirect to sign-in or an error page costs less. */
  expect: string;
  cpuBudgetMs?: number;
}

const TARGETS: Target[] = [
  { name: 'health check', path: '/api/health', requests: 1000, warmupRounds: 1, expect: '"ok"', cpuBudgetMs: 1 },
  { name: 'search page', path: '/users?q=doe', requests: 200, warmupRounds: 10, expect: 'Jane Doe', cpuBudgetMs: 10 },
  { name: 'person page', path: '/users/example/jane.doe', requests: 200, warmupRounds: 10, expect: 'Jane Doe' },
];
const RSS_BUDGET_MB = 250;
const ROUNDS = 5;

const CLOCK_TICKS_PER_S = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** The process's user + system CPU time so far, in ms. */
function cpuMs(pid: number): number {
  // Fields after the ")" of the command name: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

function start(args: string[], env: Record<string, string> = {}, stdout: 'ignore' | number = 'ignore'): ChildProcess {
  return spawn(args[0]!, args.slice(1), { stdio: ['ignore', stdout, 'inherit'], env: { ...process.env, ...env } });
}

/** alice's session cookie, from the real sign-in through the demo IdP. */
async function signedInCookie(): Promise<string> {
  const executablePath = chromiumExecutable();
  const browser = await chromium.launch(executablePath ? { executablePath } : {});
  try {
    const page = await browser.newPage();
    await signInAsAlice(page, BASE);
    return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  } finally {
    await browser.close();
  }
}

async function fire(path: string, requests: number, cookie: string, expect: string) {
  let wrong = 0;
  const result = await autocannon({
    url: `${BASE}${path}`,
    connections: CONNECTIONS,
    amount: requests,
    headers: { cookie },
    // A streamed page arrives in several chunks: each response's are joined before the check.
    setupClient: (client) => {
      let chunks: Buffer[] = [];
      client.on('body', (chunk: Buffer) => chunks.push(chunk));
      client.on('response', () => {
        if (!Buffer.concat(chunks).includes(expect)) wrong++;
        chunks = [];
      });
    },
  });
  const failed = result.non2xx + result.errors + result.timeouts + wrong;
  if (failed)
    throw new Error(
      `${path}: ${failed} of ${requests} responses were not the page (${result.non2xx} non-2xx, ${wrong} without "${expect}")`,
    );
  return result;
}

export async function benchLoad(): Promise<Result[]> {
  if (!existsSync('.next/standalone/server.js')) throw new Error('run `npm run build` before the load benchmark');
  const dir = mkdtempSync(join(tmpdir(), 'bench-load-'));
  const children = await startDemoServices(PORTS, (args) => start(args));
  const flags = (process.env.BENCH_PORTAL_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const logFile = process.env.BENCH_PORTAL_LOG;
  const { nodeFlags, script } = startCommand();
  const portal = start(
    [process.execPath, ...nodeFlags, ...flags, ...script],
    {
      ...demoEnvironment(PORTS, randomBytes(32).toString('base64url')),
      PORT: String(PORTS.app),
      HOSTNAME: '127.0.0.1',
      ACCESS_POLICY_FILE: resolve('config/access-policy.demo.json'),
      DATABASE_URL: `file:${join(dir, 'portal.db')}`,
    },
    logFile ? openSync(logFile, 'w') : 'ignore',
  );
  children.push(portal);
  try {
    await waitFor(`${BASE}/api/health/ready`);
    const cookie = await signedInCookie();
    const pid = portal.pid!;
    const rssIdle = statusMb(pid, 'VmRSS');
    const results: Result[] = [];
    // `BENCH_LOAD_ONLY=search` (a word of the name): only that target, e.g. for a profile of it alone.
    const only = process.env.BENCH_LOAD_ONLY;
    for (const target of TARGETS.filter((t) => !only || t.name.includes(only))) {
      const coldStart = cpuMs(pid);
      await fire(target.path, target.requests, cookie, target.expect);
      const cold = (cpuMs(pid) - coldStart) / target.requests;
      for (let i = 1; i < target.warmupRounds; i++) await fire(target.path, target.requests, cookie, target.expect);
      // The machine is shared: the median of five measured rounds, so one or two noisy rounds do not decide.
      const rounds: Array<{ cpu: number; run: autocannon.Result }> = [];
      for (let i = 0; i < ROUNDS; i++) {
        const before = cpuMs(pid);
        const run = await fire(target.path, target.requests, cookie, target.expect);
        rounds.push({ cpu: (cpuMs(pid) - before) / target.requests, run });
      }
      const { cpu, run } = rounds.sort((a, b) => a.cpu - b.cpu)[Math.floor(ROUNDS / 2)]!;
      const bench = `B12 load: ${target.name}`;
      results.push(
        {
          benchmark: bench,
          metric: `portal CPU per request (${target.path}), median of ${ROUNDS} rounds`,
          value: cpu,
          unit: 'ms',
          budget: target.cpuBudgetMs,
          note: `rounds: ${rounds.map((r) => r.cpu.toFixed(2)).join(', ')} ms, after ${target.warmupRounds * target.requests} unmeasured`,
        },
        { benchmark: bench, metric: `portal CPU per request, first ${target.requests} (warming up)`, value: cold, unit: 'ms' },
        { benchmark: bench, metric: `throughput, ${CONNECTIONS} connections`, value: run.requests.average, unit: 'req/s' },
        { benchmark: bench, metric: 'latency p50', value: run.latency.p50, unit: 'ms' },
        { benchmark: bench, metric: 'latency p99', value: run.latency.p99, unit: 'ms' },
      );
    }
    results.push(
      { benchmark: 'B12 load: memory', metric: 'portal RSS idle (signed in, before the load)', value: rssIdle, unit: 'MB' },
      {
        benchmark: 'B12 load: memory',
        metric: 'portal RSS peak under load (VmHWM)',
        value: statusMb(pid, 'VmHWM'),
        unit: 'MB',
        budget: RSS_BUDGET_MB,
      },
    );
    return results;
  } finally {
    for (const child of children) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
