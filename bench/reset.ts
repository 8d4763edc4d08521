/**
 * Issue 5's server-side benchmarks:
 *   B3  the reset action's server time (lib/reset/perform-reset, an admin's reset, real SQLite audit)
 *       p95, against two direct WorkMail calls (DescribeUser + ResetPassword) p95, side by side,
 *       20 ms injected latency on every call;
 *   B4  the server strength check's p99 over inputs up to 256 characters, adversarial included.
 * The action sends its notice to a local mail catcher (emulators/mail), as a portal with SMTP_URL
 * does: the notice is part of the action's time (awaited up to 3 s, lib/notify/notify.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeUserCommand, ResetPasswordCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import { DEMO_CREDENTIALS, workmailEnvironment } from '../scripts/demo-env';
import { percentile, sideBySide, startProcess, stopProcess, type Result } from './lib';
import { EXAMPLE_ORG_ID } from '../emulators/workmail/seed';

const ORG = EXAMPLE_ORG_ID;
const ROUNDS = 120;

function adversarialInputs(): string[] {
  const glued = 'passwordletmeinmonkeydragonsunshinefootballprincessqwertyiloveyouadmin';
  const walk = 'qwertyuiopasdfghjklzxcvbnm1234567890!@#$%^&*()';
  const inputs = [
    'a'.repeat(256),
    'ab'.repeat(128),
    '1234567890'.repeat(25),
    walk.repeat(6).slice(0, 256),
    glued.repeat(4).slice(0, 256),
    'Jane.Doe2026!'.repeat(19).slice(0, 256),
    'P@ssw0rd'.repeat(32),
    '2026-11-27'.repeat(25),
    'Tr0ub4dor&3',
    'correct horse battery staple',
    'Orchid-Tandem-Quarry-84',
  ];
  for (let n = 8; n <= 256; n += 8) inputs.push(`${glued}${walk}`.repeat(4).slice(0, n));
  return inputs;
}

export async function benchReset(): Promise<Result[]> {
  const { child, match } = await startProcess(['emulators/workmail/main.ts', '--port', '0'], /listening on (http:\/\/\S+)/);
  const url = match[1]!;
  const mail = await startProcess(['emulators/mail/main.ts', '--smtp-port', '0', '--http-port', '0'], /SMTP (smtp:\/\/\S+),/);
  const credentials = DEMO_CREDENTIALS;
  const direct = new WorkMailClient({ region: 'us-east-1', endpoint: url, credentials });
  const control = (path: string, body: unknown) =>
    fetch(`${url}/__control/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  try {
    await control('generate', { organization: 'example', users: 2 * (ROUNDS + 10) });
    const state = (await (await fetch(`${url}/__control/state`)).json()) as {
      organizations: Array<{ id: string; users: Array<{ id: string; name: string }> }>;
    };
    const people = state.organizations.find((o) => o.id === ORG)!.users.slice(-2 * (ROUNDS + 10));

    Object.assign(process.env, {
      ...workmailEnvironment(url),
      ACCESS_POLICY_FILE: 'config/access-policy.demo.json',
      DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), 'bench-audit-')), 'audit.db')}`,
      NEXTAUTH_SECRET: 'bench-secret-0123456789abcdef0123456789',
      RESET_LIMIT_PER_ACTOR: '10000',
      SMTP_URL: mail.match[1]!,
    });
    const { performReset } = await import('../lib/reset/perform-reset');
    const { formBinding } = await import('../lib/reset/binding');
    const { actorFor } = await import('../lib/access/actor');
    const { portalPolicy } = await import('../lib/portal');
    const { estimateStrength, contextWords } = await import('../lib/password/strength');
    const admin = actorFor(
      { subject: 'alice', email: 'alice@example.com', name: 'Alice', groups: ['it-admins'] },
      portalPolicy('config/access-policy.demo.json'),
    );

    await control('faults', { operation: '*', latencyMs: 20 });
    const password = 'Harbor-Quartz-Pelican-31';
    // Each round resets two fresh people, one directly and one through the portal, so the
    // per-person rate limit never interferes.
    const { baseline: twoCalls, subject: action } = await sideBySide(
      ROUNDS,
      async (i) => {
        const viaSdk = people[2 * i + 1]!;
        await direct.send(new DescribeUserCommand({ OrganizationId: ORG, UserId: viaSdk.name }));
        await direct.send(new ResetPasswordCommand({ OrganizationId: ORG, UserId: viaSdk.id, Password: password }));
      },
      async (i) => {
        const viaPortal = people[2 * i]!;
        const result = await performReset(
          admin,
          {
            organizationId: ORG,
            userId: viaPortal.id,
            binding: formBinding(ORG, viaPortal.id, 'alice'),
            password,
            confirmation: password,
            reason: 'bench',
          },
          { clientIp: '127.0.0.1', userAgent: 'bench' },
        );
        if (result.status !== 'success') throw new Error(`reset failed: ${JSON.stringify(result)}`);
      },
    );

    const words = contextWords({
      username: 'jane.doe',
      displayName: 'Jane Doe',
      email: 'jane.doe@example.com',
      organizationAlias: 'example',
    });
    const strength: number[] = [];
    const inputs = adversarialInputs();
    for (let round = 0; round < 10; round++) {
      for (const text of inputs) {
        const started = performance.now();
        estimateStrength(text, words);
        strength.push(performance.now() - started);
      }
    }

    const actionP95 = percentile(action, 95);
    const directP95 = percentile(twoCalls, 95);
    return [
      { benchmark: 'B3 reset action', metric: 'two direct calls p95 (DescribeUser + ResetPassword)', value: directP95, unit: 'ms' },
      {
        benchmark: 'B3 reset action',
        metric: 'reset action server time p95 (admin, notice to the local mail catcher)',
        value: actionP95,
        unit: 'ms',
      },
      { benchmark: 'B3 reset action', metric: 'action p95 − 1.0 × two calls p95', value: actionP95 - directP95, unit: 'ms', budget: 30 },
      {
        benchmark: 'B4 strength',
        metric: `server strength check p99 (${inputs.length} inputs ≤ 256 chars)`,
        value: percentile(strength, 99),
        unit: 'ms',
        budget: 25,
      },
    ];
  } finally {
    direct.destroy();
    await stopProcess(child);
    await stopProcess(mail.child);
  }
}
