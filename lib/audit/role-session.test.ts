/**
 * Migration 011 on both backends: a reset's outcome records whether it ran under a role session,
 * the role and the source identity; the chain verifies with them; the CSV ends with them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, rawSql, type TestDatabase } from '../../test/databases';
import { csvHeader } from './csv';
import { openDatabase, type AuditDatabase } from './db';
import { appendEvent, latestEvents, verifyChain } from './store';
import { EXAMPLE_ORG_ID } from '../../emulators/workmail/seed';

const alice = { subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', role: 'admin' };
const ROLE = 'arn:aws:iam::000000000000:role/workmail-portal-reset';

describe.each(BACKENDS)('role sessions in the audit log on %s', (backend) => {
  let target: TestDatabase;
  let db: AuditDatabase;
  beforeAll(async () => {
    target = await freshDatabase(backend);
    db = await openDatabase(target.url);
  });
  afterAll(async () => {
    await db.close();
    await target.drop();
  });

  it('records the role, the source identity, or that the portal’s own credentials were used', async () => {
    const base = { actor: alice, organizationId: EXAMPLE_ORG_ID, person: { id: 'u-1' } } as const;
    await appendEvent(
      {
        ...base,
        type: 'password.reset.succeeded',
        outcome: 'succeeded',
        roleSession: { kind: 'role', role: ROLE, identity: 'alice@example.com' },
      },
      db,
    );
    await appendEvent(
      { ...base, type: 'password.reset.failed', outcome: 'failed', errorCode: 'throttled', roleSession: { kind: 'portal' } },
      db,
    );
    const [portal, role] = await latestEvents(2, db);
    expect(role).toMatchObject({ roleSession: 'role', roleArn: ROLE, sourceIdentity: 'alice@example.com' });
    expect(portal).toMatchObject({ roleSession: 'portal', roleArn: null, sourceIdentity: null });
    expect(await verifyChain(db)).toMatchObject({ ok: true, events: 2 });
    // The columns are in the chain: editing one breaks it.
    await rawSql(target.url, 'update audit_events set source_identity = $1 where id = $2', ['mallory@example.com', role!.id]);
    expect(await verifyChain(db)).toMatchObject({ ok: false, brokenAt: role!.id });
  });

  it('appends the columns at the end of the CSV', () => {
    // After them only the columns of later migrations (wave_id, 012).
    expect(csvHeader().trim().split(',').slice(-4, -1)).toEqual(['role_session', 'role_arn', 'source_identity']);
  });
});
