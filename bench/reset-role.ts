/**
 * B3 under a reset role (docs/cloudtrail.md): the reset action's server time when the
 * organization has a roleArn, with the operator's role session cached, against two direct WorkMail
 * calls, side by side, 20 ms injected latency on every call (STS's AssumeRole included), budgeted
 * as B3. Beside it, the first reset of a session: one more round trip, to STS.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeUserCommand, ResetPasswordCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import { DEMO_CREDENTIALS, workmailEnvironment } from '../scripts/demo-env';
import { writeRolePolicy } from '../test/role-policy';
import { percentile, sideBySide, startProcess, stopProcess, type Result } from './lib';
import { DEMO_RESET_ROLE, EXAMPLE_ORG_ID } from '../emulators/workmail/seed';

const ORG = EXAMPLE_ORG_ID;
const ROUNDS = 120;
const FIRST_ROUNDS = 40;

export async function benchResetRole(): Promise<Result[]> {
  const { child, match } = await startProcess(['emulators/workmail/main.ts', '--port', '0'], /listening on (http:\/\/\S+)/);
  const url = match[1]!;
  const direct = new WorkMailClient({ region: 'us-east-1', endpoint: url, credentials: DEMO_CREDENTIALS });
  const control = (path: string, body: unknown) =>
    fetch(`${url}/__control/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  try {
    const WARMUP = 5;
    const a = 2 * (ROUNDS + WARMUP);
    const b = 2 * (FIRST_ROUNDS + WARMUP);
    const needed = a + b + 1;
    await control('generate', { organization: 'example', users: needed });
    const state = (await (await fetch(`${url}/__control/state`)).json()) as {
      organizations: Array<{ id: string; users: Array<{ id: string; name: string }> }>;
    };
    const people = state.organizations.find((o) => o.id === ORG)!.users.slice(-needed);
    const dir = mkdtempSync(join(tmpdir(), 'bench-role-'));
    const policyFile = writeRolePolicy(join(dir, 'access-policy.json'), { example: DEMO_RESET_ROLE });

    Object.assign(process.env, {
      ...workmailEnvironment(url),
      ACCESS_POLICY_FILE: policyFile,
      DATABASE_URL: `file:${join(dir, 'audit.db')}`,
      NEXTAUTH_SECRET: 'bench-secret-0123456789abcdef0123456789',
      RESET_LIMIT_PER_ACTOR: '10000',
    });
    const { performReset } = await import('../lib/reset/perform-reset');
    const { formBinding } = await import('../lib/reset/binding');
    const { actorFor } = await import('../lib/access/actor');
    const { portalPolicy } = await import('../lib/portal');
    const admin = actorFor(
      { subject: 'alice', email: 'alice@example.com', name: 'Alice', groups: ['it-admins'] },
      portalPolicy(policyFile),
    );
    const password = 'Harbor-Quartz-Pelican-31';
    const reset = async (person: { id: string }, reason: string) => {
      const result = await performReset(
        admin,
        { organizationId: ORG, userId: person.id, binding: formBinding(ORG, person.id, 'alice'), password, confirmation: password, reason },
        { clientIp: '127.0.0.1', userAgent: 'bench' },
      );
      if (result.status !== 'success') throw new Error(`reset failed: ${JSON.stringify(result)}`);
    };

    await control('faults', { operation: '*', latencyMs: 20 });
    // Warm the operator's session once: every reset with this ticket reuses it.
    await reset(people[needed - 1]!, 'bench');
    const { baseline: twoCalls, subject: cached } = await sideBySide(
      ROUNDS,
      async (i) => {
        const viaSdk = people[2 * i + 1]!;
        await direct.send(new DescribeUserCommand({ OrganizationId: ORG, UserId: viaSdk.name }));
        await direct.send(new ResetPasswordCommand({ OrganizationId: ORG, UserId: viaSdk.id, Password: password }));
      },
      (i) => reset(people[2 * i]!, 'bench'),
      WARMUP,
    );
    // Beside it, alternating: a cached-session reset, and a first one (a new ticket is a new
    // session, lib/providers/workmail/role-sessions.ts, so each pays one AssumeRole).
    const { baseline: cachedAgain, subject: first } = await sideBySide(
      FIRST_ROUNDS,
      (i) => reset(people[a + 2 * i]!, 'bench'),
      (i) => reset(people[a + 2 * i + 1]!, `bench-first-${i}`),
      WARMUP,
    );
    const assumed = ((await (await fetch(`${url}/__control/calls?operation=AssumeRole`)).json()) as { calls: unknown[] }).calls.length;
    if (assumed !== 1 + FIRST_ROUNDS + WARMUP) throw new Error(`expected ${1 + FIRST_ROUNDS + WARMUP} AssumeRole calls, saw ${assumed}`);

    const cachedP95 = percentile(cached, 95);
    const directP95 = percentile(twoCalls, 95);
    const firstP95 = percentile(first, 95);
    return [
      { benchmark: 'B3-role reset action', metric: 'two direct calls p95 (DescribeUser + ResetPassword)', value: directP95, unit: 'ms' },
      { benchmark: 'B3-role reset action', metric: 'reset under a cached role session p95 (admin)', value: cachedP95, unit: 'ms' },
      {
        benchmark: 'B3-role reset action',
        metric: 'cached-session action p95 − 1.0 × two calls p95',
        value: cachedP95 - directP95,
        unit: 'ms',
        budget: 30,
      },
      { benchmark: 'B3-role reset action', metric: 'first reset of a session p95 (one AssumeRole more)', value: firstP95, unit: 'ms' },
      {
        benchmark: 'B3-role reset action',
        metric: 'first − cached reset p95 (alternating)',
        value: firstP95 - percentile(cachedAgain, 95),
        unit: 'ms',
      },
    ];
  } finally {
    direct.destroy();
    await stopProcess(child);
  }
}
