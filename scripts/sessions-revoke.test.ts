/**
 * `npm run sessions:revoke` as an administrator runs it, on a real database of each backend: the
 * revocation as a real process, the other cases in-process (test/command-in-process.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../lib/audit/db';
import { createSession, readSession } from '../lib/sessions/store';
import { commandInProcess as cli } from '../test/command-in-process';
import { auditCommand as spawned, BACKENDS, freshDatabase, rawSql, type TestDatabase } from '../test/databases';

const bob = { subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', role: 'lead', groups: ['eng-leads'] };
const carol = { ...bob, subject: 'carol', email: 'carol@example.com', name: 'Carol Lead' };

describe.each(BACKENDS)('the sessions:revoke command on %s', (backend) => {
  let target: TestDatabase;
  let env: Record<string, string>;
  let bobs: string[];
  let carols: string;

  beforeAll(async () => {
    target = await freshDatabase(backend);
    env = { DATABASE_URL: target.url };
    const handle = await openDatabase(target.url);
    bobs = [await createSession(bob, {}, 3600, handle), await createSession(bob, {}, 3600, handle)];
    carols = await createSession(carol, {}, 3600, handle);
    await handle.close();
  });

  afterAll(() => target?.drop());

  it('refuses to run without a subject, and changes nothing', async () => {
    for (const args of [[], ['--subject', 'bob\nalice'], ['--who', 'bob']]) {
      const result = await cli('sessions-revoke', env, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.out).toContain('Usage: npm run sessions:revoke -- --subject <subject>');
    }
    expect(await rawSql(target.url, 'select id from sessions where ended_at is not null')).toEqual([]);
  });

  it('ends every session of the operator named, and only theirs, and records it (a real process)', async () => {
    // Ending needs no key (lib/sessions/record-mac.ts): it works under any NEXTAUTH_SECRET.
    const otherSecret = { ...env, NEXTAUTH_SECRET: 'not-the-portal-secret-0123456789abcdef' };
    const result = await spawned('sessions-revoke', otherSecret, ['--subject', 'bob', '--reason', 'laptop lost']);
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toContain(`Ended 2 live sessions of bob (${backend})`);
    // Clearing ended_at by hand does not bring a revoked session back.
    await rawSql(target.url, `update sessions set ended_at = null where subject = 'bob'`);
    const handle = await openDatabase(target.url);
    try {
      for (const id of bobs) expect((await readSession(id, handle))?.endReason).toBe('revoked');
      expect(await readSession(carols, handle)).toMatchObject({ subject: 'carol' });
      expect((await readSession(carols, handle))?.endReason).toBeUndefined();
    } finally {
      await handle.close();
    }
    const events = await rawSql<Record<string, string>>(target.url, `select * from audit_events where type = 'session.revoked'`);
    expect(events).toEqual([
      expect.objectContaining({
        actor_subject: 'system:sessions-revoke',
        person_id: 'bob',
        outcome: 'revoked',
        reason: 'Ended 2 sessions of bob: laptop lost.',
      }),
    ]);
    expect((await cli('sessions-revoke', env, ['--subject', 'bob'])).out).toContain('Ended 0 live sessions of bob');
  });
});
