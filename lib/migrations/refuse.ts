import 'server-only';
/** A wave step refused: an audit event (`wave.refused`, with the code) and the words for the operator. */
import type { Actor } from '../access/actor';
import type { AuditDatabase } from '../audit/db';
import { appendEvent } from '../audit/store';
import { log } from '../log';

export type WaveResult = { status: 'ok'; waveId: string } | { status: 'refused'; code: string; message: string };

export async function refuseWave(
  handle: AuditDatabase,
  actor: Actor,
  waveId: string | undefined,
  code: string,
  message: string,
  organizationId?: string,
): Promise<WaveResult> {
  await appendEvent(
    {
      type: 'wave.refused',
      outcome: 'refused',
      errorCode: code,
      actor: { subject: actor.subject, email: actor.email, name: actor.name, role: actor.role },
      organizationId,
      waveId,
    },
    handle,
  ).catch((err: unknown) => log.error({ err: (err as Error).message, code }, 'audit: wave refusal not written'));
  return { status: 'refused', code, message };
}
