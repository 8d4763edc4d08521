/**
 * Every row of docs/errors.md through the reset action, against the real emulator (over HTTP,
 * SigV4) with the failure injected, and a real SQLite audit log: what the operator is told (what
 * happened and what to do), never WorkMail's own name or message, the request id of the failed
 * call, and one failed event naming both codes. The browser shows two of these rows end to end
 * (e2e/reset-errors.spec.ts); the words are the same function's for every row.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulators/workmail/server';
import { EXAMPLE_ORG_ID } from '../../emulators/workmail/seed';
import { ERROR_ROWS } from '../../test/error-rows';
import { resetTestEnvironment } from '../../test/reset-env';
import { readSqliteFile } from '../../test/sqlite-file';
import type { Actor } from '../access/actor';

const PASSWORD = 'Granite-Velvet-Osprey-58';
const RAW = 'raw-aws-message-not-for-operators';
const dbFile = join(mkdtempSync(join(tmpdir(), 'reset-errors-')), 'audit.db');

let emulator: RunningEmulator;
let alice: Actor;
let performReset: typeof import('./perform-reset').performReset;
let formBinding: typeof import('./binding').formBinding;

beforeAll(async () => {
  emulator = await startEmulator({});
  Object.assign(process.env, resetTestEnvironment(emulator.url, dbFile));
  ({ performReset } = await import('./perform-reset'));
  ({ formBinding } = await import('./binding'));
  const { actorFor } = await import('../access/actor');
  const { portalPolicy } = await import('../portal');
  alice = actorFor({ subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', groups: ['it-admins'] }, portalPolicy());
});

afterAll(() => emulator.close());
afterEach(() => fetch(`${emulator.url}/__control/faults`, { method: 'DELETE' }));

const idOf = (name: string) => [...emulator.state.organizations.get(EXAMPLE_ORG_ID)!.users.values()].find((u) => u.name === name)!.id;
const lastRow = () =>
  readSqliteFile(dbFile, (raw) => raw.prepare('select * from audit_events order by id desc limit 1').get() as Record<string, unknown>);

describe('every WorkMail error of docs/errors.md, through the reset action', () => {
  it.each(ERROR_ROWS)('%s: the operator learns what happened and what to do', async (error, person, expected, status) => {
    await fetch(`${emulator.url}/__control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'ResetPassword', error, message: RAW, times: 3, ...(status ? { status } : {}) }),
    });
    const userId = idOf(person);
    const binding = formBinding(EXAMPLE_ORG_ID, userId, alice.subject);
    const result = await performReset(
      alice,
      { organizationId: EXAMPLE_ORG_ID, userId, binding, password: PASSWORD, confirmation: PASSWORD },
      {},
    );

    const failed = emulator.state.calls.list({ operation: 'ResetPassword' }).at(-1)!;
    expect(failed.outcome).not.toBe('ok');
    expect(result).toMatchObject({ status: 'refused', requestId: failed.requestId });
    const shown = result.status === 'refused' ? `${result.title} ${result.action}` : '';
    expect(shown).toMatch(expected);
    expect(JSON.stringify(result)).not.toContain(error);
    expect(JSON.stringify(result)).not.toContain(RAW);
    expect(JSON.stringify(result)).not.toContain(PASSWORD);

    // The portal's own code in error_code (docs/errors.md), WorkMail's name for it beside it.
    const row = lastRow();
    expect(row).toMatchObject({
      type: 'password.reset.failed',
      person_email: `${person}@example.com`,
      provider_code: error,
      request_id: failed.requestId,
    });
    expect(row.error_code).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });
});
