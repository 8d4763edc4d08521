/**
 * W1: a 500-person migration wave (docs/migrations.md) against the WorkMail emulator with 20 ms on
 * every call and a ThrottlingException on every 50th ResetPassword: it must complete (everyone
 * reset once, nobody twice), and reports people per second at the fastest pace the settings allow
 * (WAVE_RESETS_PER_SECOND=100; the default, 5 a second, is the pace itself).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workmailEnvironment } from '../scripts/demo-env';
import { startProcess, stopProcess, type Result } from './lib';
import { EXAMPLE_ORG_ID } from '../emulators/workmail/seed';

const PEOPLE = 500;

export async function benchWaves(): Promise<Result[]> {
  const { child, match } = await startProcess(['emulators/workmail/main.ts', '--port', '0'], /listening on (http:\/\/\S+)/);
  const url = match[1]!;
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${url}/__control/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  try {
    await control('POST', 'generate', { organization: 'example', users: PEOPLE });
    const state = (await (await control('GET', 'state')).json()) as {
      organizations: Array<{ id: string; users: Array<{ id: string; name: string }> }>;
    };
    const people = state.organizations.find((o) => o.id === EXAMPLE_ORG_ID)!.users.slice(-PEOPLE);

    Object.assign(process.env, {
      ...workmailEnvironment(url),
      ACCESS_POLICY_FILE: 'config/access-policy.demo.json',
      DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), 'bench-waves-')), 'portal.db')}`,
      NEXTAUTH_SECRET: 'bench-secret-0123456789abcdef0123456789',
      WAVE_RESETS_PER_SECOND: '100',
    });
    const { actorFor } = await import('../lib/access/actor');
    const { portalPolicy } = await import('../lib/portal');
    const { createWave } = await import('../lib/migrations/create');
    const { takeStep } = await import('../lib/migrations/steps');
    const { runWave } = await import('../lib/migrations/run');
    const { database } = await import('../lib/audit/db');
    const { findWave, waveProgress } = await import('../lib/migrations/store');
    const policy = portalPolicy('config/access-policy.demo.json');
    const alice = actorFor({ subject: 'alice', email: 'alice@example.com', name: 'Alice', groups: ['it-admins'] }, policy);
    const frank = actorFor({ subject: 'frank', email: 'frank@example.com', name: 'Frank', groups: ['it-admins'] }, policy);

    const now = Date.now();
    const created = await createWave(alice, {
      name: 'Bench',
      organization: 'example',
      groups: [],
      list: people.map((p) => p.name),
      format: 'm365-imap',
      freezeFrom: new Date(now).toISOString(),
      freezeUntil: new Date(now + 3_600_000).toISOString(),
    });
    if (created.status !== 'ok') throw new Error(created.message);
    await takeStep(frank, created.waveId, 'approve');
    await takeStep(alice, created.waveId, 'run');

    // Throttling first: `every` faults fall through to the latency one on the other calls.
    await control('POST', 'faults', { operation: 'ResetPassword', error: 'ThrottlingException', status: 400, every: 50 });
    await control('POST', 'faults', { operation: '*', latencyMs: 20 });
    const started = performance.now();
    await runWave(created.waveId);
    const seconds = (performance.now() - started) / 1000;
    await control('DELETE', 'faults');

    const { db } = await database();
    const progress = await waveProgress(db, (await findWave(db, created.waveId))!);
    const calls = (
      (await (await control('GET', 'calls')).json()) as { calls: Array<{ operation: string; input: { UserId?: string }; outcome: string }> }
    ).calls;
    const resets = calls.filter((c) => c.operation === 'ResetPassword');
    const succeeded = resets.filter((c) => c.outcome === 'ok').map((c) => c.input.UserId);
    const throttled = resets.length - succeeded.length;
    const twice = succeeded.length - new Set(succeeded).size;
    return [
      {
        benchmark: 'W1 migration wave',
        metric: `${PEOPLE} people reset (20 ms per call, every 50th reset throttled)`,
        value: progress.done,
        unit: 'people',
        budget: PEOPLE,
        atLeast: true,
      },
      { benchmark: 'W1 migration wave', metric: 'people failed', value: progress.failed + progress.remaining, unit: 'people', budget: 0 },
      { benchmark: 'W1 migration wave', metric: 'people reset twice', value: twice, unit: 'people', budget: 0 },
      { benchmark: 'W1 migration wave', metric: 'throttled resets retried', value: throttled, unit: 'calls' },
      {
        benchmark: 'W1 migration wave',
        metric: 'people per second (WAVE_RESETS_PER_SECOND=100)',
        value: PEOPLE / seconds,
        unit: 'people/s',
      },
    ];
  } finally {
    await stopProcess(child);
  }
}
