/**
 * `npm run audit:verify` and `npm run audit:purge` as an operator runs them, on a real database of
 * each backend, with rows edited and deleted behind the portal's back. Each command runs once as a
 * real process per backend (`spawned`), the other cases in-process (test/command-in-process.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../lib/audit/db';
import { appendWithin, inTransaction } from '../lib/audit/store';
import { commandInProcess as cli } from '../test/command-in-process';
import { auditCommand as spawned, BACKENDS, freshDatabase, rawSql, type TestDatabase } from '../test/databases';

const actor = { subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', role: 'admin' };
const DAY = 86_400_000;
const run = promisify(execFile);
// The portal's key, for the events this file writes and for the commands it runs.
const KEY = 'audit-cli-test-key-0123456789abcdef0123';
process.env.AUDIT_HMAC_KEY = KEY;

describe.each(BACKENDS)('the audit commands on %s', (backend) => {
  let target: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    target = await freshDatabase(backend);
    env = { DATABASE_URL: target.url, AUDIT_HMAC_KEY: KEY };
    const handle = await openDatabase(target.url);
    // Events 1–3 are 400 days old, 4–6 from today.
    for (let i = 1; i <= 6; i++) {
      const when = new Date(Date.now() - (i <= 3 ? 400 * DAY : 0) + i);
      await inTransaction((db) => appendWithin(db, { type: 'sign-in', actor, outcome: 'signed-in', reason: `event ${i}` }, when), handle);
    }
    await handle.close();
  });

  afterAll(() => target?.drop());

  it('verifies a whole chain and prints its head (a real process)', async () => {
    const { code, out } = await spawned('audit-verify', env);
    expect(code).toBe(0);
    expect(out).toMatch(/Audit chain verified \((sqlite|postgres)\): 6 events, none changed or removed\. Head hash [0-9a-f]{64}\./);
  });

  it('names the event edited in the database, then the one after a deleted event', async () => {
    await rawSql(target.url, 'update audit_events set reason = $1 where id = 3', ['nothing to see here']);
    let result = await cli('audit-verify', env);
    expect(result).toMatchObject({ code: 1 });
    expect(result.out).toContain('Audit chain BROKEN at event 3: this event was changed');

    await rawSql(target.url, 'update audit_events set reason = $1 where id = 3', ['event 3']);
    await rawSql(target.url, 'delete from audit_events where id = 5');
    result = await cli('audit-verify', env);
    expect(result).toMatchObject({ code: 1 });
    expect(result.out).toContain('Audit chain BROKEN at event 6: it does not follow event 4');
  });

  it('purges nothing without a retention setting, and counts on a dry run (a real process)', async () => {
    expect(await cli('audit-purge', env)).toMatchObject({ code: 2, out: expect.stringContaining('AUDIT_RETENTION_DAYS is not set') });
    const dry = await spawned('audit-purge', { ...env, AUDIT_RETENTION_DAYS: '365' }, ['--dry-run']);
    expect(dry).toMatchObject({ code: 0, out: expect.stringContaining('Dry run: 3 events are older than') });
  });

  it('purges past the retention and leaves a chain that verifies from the cut', async () => {
    // Mend the deletion above first: a fresh log for this test's own chain.
    await rawSql(target.url, 'delete from audit_events');
    const handle = await openDatabase(target.url);
    for (let i = 1; i <= 5; i++) {
      await inTransaction(
        (db) => appendWithin(db, { type: 'sign-in', actor, outcome: 'signed-in' }, new Date(Date.now() - (i <= 2 ? 400 * DAY : 0) + i)),
        handle,
      );
    }
    await handle.close();
    const purge = await cli('audit-purge', { ...env, AUDIT_RETENTION_DAYS: '365' });
    expect(purge.code).toBe(0);
    expect(purge.out).toMatch(/Removed 2 events older than .* \(365 days\), up to event \d+; a checkpoint event records the cut\./);
    expect(await cli('audit-verify', env)).toMatchObject({ code: 0, out: expect.stringContaining('4 events') });
  });

  it('checks the chain against a head hash kept elsewhere', async () => {
    const first = await cli('audit-verify', env);
    const head = /Head hash ([0-9a-f]{64})/.exec(first.out)![1]!;
    const handle = await openDatabase(target.url);
    await inTransaction((db) => appendWithin(db, { type: 'sign-in', actor, outcome: 'signed-in' }), handle);
    await handle.close();
    const later = await cli('audit-verify', env, ['--expect-head', head]);
    expect(later).toMatchObject({ code: 0, out: expect.stringMatching(/The expected head is event \d+; 1 events follow it\./) });

    const elsewhere = 'ab'.repeat(32);
    const differs = await cli('audit-verify', env, ['--expect-head', elsewhere]);
    expect(differs).toMatchObject({
      code: 1,
      out: expect.stringContaining(`the expected head hash ${elsewhere} is not in the chain: the log was rewritten or cut short`),
    });
    expect(await cli('audit-verify', env, ['--expect-head', 'not-a-hash'])).toMatchObject({
      code: 2,
      out: expect.stringContaining('64 hex characters'),
    });
  });

  it('refuses to vouch for keyed events without the key, or with another', async () => {
    const without = await cli('audit-verify', { DATABASE_URL: target.url, AUDIT_HMAC_KEY: '' });
    expect(without).toMatchObject({ code: 1, out: expect.stringContaining('AUDIT_HMAC_KEY is not set') });
    expect(without.out).toContain('keyed with another AUDIT_HMAC_KEY');
    const other = await cli('audit-verify', { DATABASE_URL: target.url, AUDIT_HMAC_KEY: 'another-key-0123456789abcdef0123456789' });
    expect(other).toMatchObject({ code: 1, out: expect.stringContaining('keyed with another AUDIT_HMAC_KEY') });
  });

  it('says when it cannot read the log', async () => {
    const nowhere = backend === 'sqlite' ? 'file:/etc/hostname/portal.db' : target.url.replace(/:\d+\//, ':1/');
    expect(await cli('audit-verify', { DATABASE_URL: nowhere })).toMatchObject({
      code: 2,
      out: expect.stringContaining('Cannot read the audit log'),
    });
  });
});

describe('the audit commands started through a symlinked checkout', () => {
  it('still run (a real process): the entry check compares real paths', async () => {
    const link = join(mkdtempSync(join(tmpdir(), 'audit-cli-link-')), 'checkout');
    symlinkSync(process.cwd(), link);
    const started = await run(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', join(link, 'scripts/audit-verify.ts'), '--expect-head', 'x'],
      {
        cwd: link,
      },
    ).catch((err: { code: number; stderr: string }) => err);
    expect(started).toMatchObject({ code: 2, stderr: expect.stringContaining('64 hex characters') });
  });
});
