/**
 * `npm run sessions:revoke -- --subject bob [--reason "laptop lost"]`: ends every live session of
 * one operator (their identity provider subject) on every instance, within the few seconds each
 * instance caches its session checks (lib/sessions/live.ts). One audit event records it.
 * Exit 0 done (also when there was nothing to end), 2 bad arguments or failed.
 */
import { parseArgs } from 'node:util';
import { command, runWhenEntry } from './lib/command';
import { database } from '../lib/audit/db';
import { endSessionsOf } from '../lib/sessions/store';

const USAGE = 'Usage: npm run sessions:revoke -- --subject <subject> [--reason <text>]';

async function main(args: string[]): Promise<number> {
  let values: { subject?: string; reason?: string };
  try {
    ({ values } = parseArgs({ args, options: { subject: { type: 'string' }, reason: { type: 'string' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const subject = values.subject?.trim();
  const reason = (values.reason ?? '').trim().slice(0, 200);
  if (!subject || subject.length > 255 || /[\u0000-\u001f\u007f]/.test(subject)) {
    console.error(`--subject must name the operator's identity provider subject (the "sub" claim).\n${USAGE}`);
    return 2;
  }
  const handle = await database();
  try {
    const ended = await endSessionsOf(subject, reason, handle);
    console.log(`Ended ${ended} live session${ended === 1 ? '' : 's'} of ${subject} (${handle.backend}); recorded in the audit log.`);
    return 0;
  } finally {
    await handle.close();
  }
}

export const sessionsRevoke = command(main, 'Sessions not revoked');
runWhenEntry(import.meta.url, sessionsRevoke);
