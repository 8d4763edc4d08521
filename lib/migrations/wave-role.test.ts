/**
 * A wave in an organization with a roleArn (docs/cloudtrail.md), against the real WorkMail
 * emulator: each reset runs as the role session of the admin who started the run, with the wave
 * as its ticket, so a role whose trust policy requires a source identity takes it and CloudTrail
 * names the operator; the audit records the role session on each person's event.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TrailEvent } from '../../emulators/workmail/cloudtrail';
import { DEMO_RESET_ROLE, EXAMPLE_ORG_ID } from '../../emulators/workmail/seed';
import { startEmulator, type RunningEmulator } from '../../emulators/workmail/server';
import { workmailEnvironment } from '../../scripts/demo-env';
import { freshDatabase, type TestDatabase } from '../../test/databases';
import type { AuditDatabase } from '../audit/db';

let emulator: RunningEmulator;
let target: TestDatabase;
let h: AuditDatabase;

beforeAll(async () => {
  emulator = await startEmulator({});
  // The demo policy, with the example organization's resets under a role that requires a source identity.
  const policy = JSON.parse(readFileSync('config/access-policy.demo.json', 'utf8')) as { organizations: Array<Record<string, string>> };
  for (const org of policy.organizations) if (org.id === EXAMPLE_ORG_ID) org.roleArn = DEMO_RESET_ROLE;
  const file = join(mkdtempSync(join(tmpdir(), 'wave-role-')), 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  Object.assign(process.env, {
    ...workmailEnvironment(emulator.url),
    DATABASE_URL: 'file:./data/unused-waves-test.db',
    ACCESS_POLICY_FILE: file,
    NEXTAUTH_SECRET: 'integration-test-secret-0123456789abcdef',
    WAVE_RESETS_PER_SECOND: '100',
  });
  target = await freshDatabase('sqlite');
  h = await (await import('../audit/db')).openDatabase(target.url);
});
afterAll(async () => {
  await h?.close();
  await target?.drop();
  emulator.close();
});

it('runs each reset as the starting admin’s role session: CloudTrail names them, the audit says so', async () => {
  const { actorFor } = await import('../access/actor');
  const { portalPolicy } = await import('../portal');
  const { createWave } = await import('./create');
  const { takeStep } = await import('./steps');
  const { runWave } = await import('./run');
  const policy = portalPolicy(process.env.ACCESS_POLICY_FILE);
  const alice = actorFor({ subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', groups: ['it-admins'] }, policy);
  const frank = actorFor({ subject: 'frank', email: 'frank@example.com', name: 'Frank Admin', groups: ['it-admins'] }, policy);
  const created = await createWave(
    alice,
    {
      name: 'Role pilot',
      organization: 'example',
      groups: [],
      list: ['jane.doe', 'john.smith'],
      format: 'm365-imap',
      freezeFrom: new Date(Date.now() - 60_000).toISOString(),
      freezeUntil: new Date(Date.now() + 3_600_000).toISOString(),
    },
    h,
  );
  if (created.status !== 'ok') throw new Error(created.message);
  const id = created.waveId;
  expect(await takeStep(frank, id, 'approve', h)).toEqual({ status: 'ok', waveId: id });
  expect(await takeStep(alice, id, 'run', h)).toEqual({ status: 'ok', waveId: id });
  await runWave(id, h);

  const res = await fetch(`${emulator.url}/__control/cloudtrail?eventName=ResetPassword`);
  const trail = (await res.json()) as TrailEvent[];
  expect(trail.map((e) => e.userIdentity.sessionContext.sourceIdentity)).toEqual(['alice@example.com', 'alice@example.com']);
  const assumed = (await (await fetch(`${emulator.url}/__control/cloudtrail?eventName=AssumeRole`)).json()) as TrailEvent[];
  expect(assumed[0]!.requestParameters).toMatchObject({ tags: expect.arrayContaining([{ key: 'ticket', value: `wave ${id}` }]) });

  const succeeded = await h.db
    .selectFrom('audit_events')
    .selectAll()
    .where('wave_id', '=', id)
    .where('type', '=', 'password.reset.succeeded')
    .execute();
  expect(succeeded).toHaveLength(2);
  for (const row of succeeded) {
    expect(row).toMatchObject({ role_session: 'role', role_arn: DEMO_RESET_ROLE, source_identity: 'alice@example.com' });
  }
});
