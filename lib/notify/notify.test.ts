/**
 * The notice after a reset, sent through nodemailer to the real mail catcher (emulators/mail):
 * what the person and the administrators receive, and how a refusing or slow server ends up in
 * the result and the audit log.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from '../../emulators/mail/server';
import { freshDatabase, type TestDatabase } from '../../test/databases';
import { openDatabase, type AuditDatabase } from '../audit/db';
import { latestEvents } from '../audit/store';
import { notifyAfterReset, type NoticeInput } from './notify';

let catcher: MailCatcher;
let target: TestDatabase;
let handle: AuditDatabase;
const control = (body: unknown) =>
  fetch(`${catcher.httpUrl}/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  target = await freshDatabase('sqlite');
  handle = await openDatabase(target.url);
});
afterAll(async () => {
  await catcher?.close();
  await handle?.close();
  await target?.drop();
});
beforeEach(async () => {
  await control({ refuse: false, delayMs: 0 });
  await fetch(`${catcher.httpUrl}/messages`, { method: 'DELETE' });
});

const input: NoticeInput = {
  actor: { subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', role: 'admin' },
  organizationId: 'm-0123456789abcdef0123456789abcdef',
  person: { id: 'u-1', email: 'maria.nunez@example.com', displayName: 'María Núñez' },
  requestId: 'req-1',
  resetAt: new Date('2026-11-28T15:04:05.000Z'),
};
const settings = (over: Partial<{ adminsTo: string[] }> = {}) => ({
  smtpUrl: catcher.smtpUrl,
  from: 'WorkMail Reset Portal <no-reply@example.com>',
  adminsTo: [],
  itContact: 'the IT desk, extension 4242',
  ...over,
});
const messages = async () => (await (await fetch(`${catcher.httpUrl}/messages`)).json()) as Array<Record<string, string>>;

describe('the notice after a reset', () => {
  it('tells the person who reset their password and when, and whom to ask; the administrators get a copy', async () => {
    const notice = await notifyAfterReset(input, { settings: settings({ adminsTo: ['security@example.com'] }), handle });
    expect(notice).toEqual({ state: 'sent', to: 'maria.nunez@example.com' });
    const caught = await messages();
    const toPerson = caught.find((m) => m.to === 'maria.nunez@example.com')!;
    expect(toPerson).toMatchObject({ from: 'WorkMail Reset Portal <no-reply@example.com>', subject: 'Your mailbox password was reset' });
    expect(toPerson.text).toContain('Hello María Núñez,');
    expect(toPerson.text).toContain(
      'Your password was reset by an administrator, Alice Admin, at 28 Nov 2026, 15:04:05 UTC.\nIf you did not expect this, contact the IT desk, extension 4242.',
    );
    const copy = caught.find((m) => m.to === 'security@example.com')!;
    expect(copy.subject).toBe('Password reset: María Núñez');
    expect(copy.text).toContain('Alice Admin (alice@example.com) reset the mailbox password of María Núñez (maria.nunez@example.com)');
    expect((await latestEvents(1, handle))[0]).toMatchObject({ type: 'notice.sent', outcome: 'sent', requestId: 'req-1', errorCode: null });
  });

  it('reports a refusing mail server as failed, in the result and the audit log', async () => {
    await control({ refuse: true });
    const notice = await notifyAfterReset(input, { settings: settings(), handle });
    expect(notice).toEqual({ state: 'failed', to: 'maria.nunez@example.com' });
    expect(await messages()).toEqual([]);
    expect((await latestEvents(1, handle))[0]).toMatchObject({
      type: 'notice.failed',
      outcome: 'failed',
      errorCode: expect.stringMatching(/^smtp-/),
    });
  });

  it('answers "pending" after the wait, and records the send when it ends', async () => {
    await control({ delayMs: 600 });
    const before = (await latestEvents(1, handle))[0]?.id ?? 0;
    const notice = await notifyAfterReset(input, { settings: settings(), handle, waitMs: 50 });
    expect(notice).toEqual({ state: 'pending', to: 'maria.nunez@example.com' });
    await expect.poll(async () => (await latestEvents(1, handle))[0]).toMatchObject({ type: 'notice.sent', id: before + 1 });
  });

  it('sends nothing without SMTP_URL, and says so', async () => {
    const before = (await latestEvents(1, handle))[0]?.id;
    expect(await notifyAfterReset(input, { settings: { ...settings(), smtpUrl: undefined }, handle })).toEqual({ state: 'off' });
    expect((await latestEvents(1, handle))[0]?.id).toBe(before);
    expect(await messages()).toEqual([]);
  });

  it('records a person without a mailbox address as a failed notice', async () => {
    const notice = await notifyAfterReset({ ...input, person: { id: 'u-2', displayName: 'No Mail' } }, { settings: settings(), handle });
    expect(notice).toEqual({ state: 'failed' });
    expect((await latestEvents(1, handle))[0]).toMatchObject({ type: 'notice.failed', errorCode: 'no-address' });
  });
});
