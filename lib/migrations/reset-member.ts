import 'server-only';
/**
 * One person of a running wave, by the steps of a single reset (lib/reset/perform-reset.ts): the
 * person as the directory has them now, can() for the admin who started the run, then the claim
 * and the "requested" record in one transaction (no record, no reset; a row already claimed is
 * never reset again), the directory's reset, and the outcome, each event carrying the wave id.
 * What a wave does not share with a single reset, on purpose: the operator's hourly limits (a wave
 * has its own, WAVE_MAX_PEOPLE and a pace) and the strength check (the password is the portal's
 * own generated one, lib/password/generate.ts).
 */
import type { Actor } from '../access/actor';
import { can, reasonText } from '../access/can';
import { writeTransaction, type AuditDatabase } from '../audit/db';
import { appendEvent, appendWithin } from '../audit/store';
import type { AuditEventInput } from '../audit/types';
import { DirectoryError } from '../directory/errors';
import { log } from '../log';
import { directory, wordingFor } from '../portal';
import { findTarget } from '../people/target';
import { sessionOf } from '../reset/perform-reset';
import { seal } from './secret-box';
import type { Wave, WaveMember } from './types';

export type MemberResult = 'succeeded' | 'failed' | 'skipped';

/** Retries of a throttled reset, after the client's own: a directory called too fast answers 'throttled', having changed nothing. */
export const THROTTLE_RETRIES = 5;
export const THROTTLE_BASE_MS = 500;

export const secretContext = (waveId: string, position: number) => `${waveId}:${position}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function resetMember(
  handle: AuditDatabase,
  wave: Wave,
  member: WaveMember,
  actor: Actor,
  password: string,
  now: () => Date = () => new Date(),
  /** Renews the runner's lease (lib/migrations/run.ts): one person's retries can outlast it otherwise. */
  renew: () => Promise<unknown> = async () => undefined,
): Promise<MemberResult> {
  const d = handle.db;
  const event = (person?: {
    id?: string;
    email?: string;
    name?: string;
  }): Pick<AuditEventInput, 'actor' | 'organizationId' | 'person' | 'waveId'> => ({
    actor: { subject: actor.subject, email: actor.email, name: actor.name, role: actor.role },
    organizationId: wave.organizationId,
    person: person ?? { id: member.personId, email: member.email, name: member.displayName },
    waveId: wave.id,
  });
  const finish = async (state: 'succeeded' | 'failed', reason?: string, requestId?: string, keepSecret = false) => {
    await d
      .updateTable('migration_wave_people')
      .set({
        state,
        reason: reason ?? null,
        request_id: requestId ?? null,
        finished_at: now().toISOString(),
        ...(keepSecret ? {} : { secret: null }),
      })
      .where('wave_id', '=', wave.id)
      .where('position', '=', member.position)
      .where('state', 'in', ['pending', 'claimed'])
      .execute();
  };

  // The person now, and the rule for the admin who runs the wave: what changed since the preview counts.
  const access = actor.organizations.get(wave.organizationId);
  let target;
  try {
    target = access && member.personId ? await findTarget(access, member.personId, { fresh: true }) : null;
  } catch (err) {
    if (!(err instanceof DirectoryError)) throw err;
    await appendEvent(
      { ...event(), type: 'password.reset.refused', outcome: 'refused', errorCode: `lookup-${err.code}`, providerCode: err.providerCode },
      handle,
    );
    await finish('failed', wordingFor(wave.organizationId).errors[err.code].title);
    return 'failed';
  }
  if (!target) {
    await appendEvent({ ...event(), type: 'access.denied', outcome: 'denied', errorCode: 'not-found' }, handle);
    await finish('failed', 'No longer in the directory.');
    return 'failed';
  }
  const decision = can(actor, 'reset', target);
  if (!decision.allowed) {
    await appendEvent({ ...event(), type: 'access.denied', outcome: 'denied', errorCode: decision.reason }, handle);
    await finish('failed', reasonText(decision.reason, wordingFor(wave.organizationId)));
    return 'failed';
  }

  // The claim and the "requested" record together: a row someone else claimed is left alone.
  const person = { id: target.id, email: target.email, name: target.displayName };
  const claimed = await writeTransaction(handle, async (tx) => {
    const result = await tx
      .updateTable('migration_wave_people')
      .set({ state: 'claimed', claimed_at: now().toISOString(), secret: seal(password, secretContext(wave.id, member.position)) })
      .where('wave_id', '=', wave.id)
      .where('position', '=', member.position)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await appendWithin(tx, { ...event(person), type: 'password.reset.requested', outcome: 'requested' });
    return true;
  });
  if (!claimed) return 'skipped';

  for (let attempt = 0; ; attempt++) {
    await renew();
    try {
      // The admin who started the run and the wave go with each reset, as a single reset's operator and
      // reason do: an organization with a roleArn resets under their role session (docs/cloudtrail.md).
      const outcome = await directory().resetPassword(wave.organizationId, target.id, password, {
        operator: { subject: actor.subject, email: actor.email || undefined },
        ticket: `wave ${wave.id}`,
      });
      const { requestId } = outcome;
      await finish('succeeded', undefined, requestId, true);
      await appendEvent(
        {
          ...event(person),
          type: 'password.reset.succeeded',
          outcome: 'succeeded',
          requestId,
          requireChange: 'not-asked',
          roleSession: sessionOf(outcome.operatorSession),
        },
        handle,
      ).catch((err: unknown) =>
        log.error({ err: (err as Error).message, requestId, wave: wave.id }, 'audit outcome write failed after a wave reset'),
      );
      return 'succeeded';
    } catch (err) {
      const error = err instanceof DirectoryError ? err : new DirectoryError('unknown');
      // Throttled means refused before anything changed: the same claimed person, a little later.
      if (error.code === 'throttled' && attempt < THROTTLE_RETRIES) {
        await renew();
        await sleep(THROTTLE_BASE_MS * 2 ** attempt);
        continue;
      }
      if (error.code === 'unknown') log.error({ err: (err as Error)?.name, wave: wave.id }, 'wave reset failed with an unmapped error');
      await finish('failed', wordingFor(wave.organizationId).errors[error.code].title, error.requestId);
      await appendEvent(
        {
          ...event(person),
          type: 'password.reset.failed',
          outcome: 'failed',
          errorCode: error.code,
          providerCode: error.providerCode,
          requestId: error.requestId,
          roleSession: sessionOf(error.operatorSession),
        },
        handle,
      ).catch((auditErr: unknown) => log.error({ err: (auditErr as Error).message, wave: wave.id }, 'audit outcome write failed'));
      return 'failed';
    }
  }
}
