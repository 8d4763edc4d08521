import 'server-only';
/**
 * The four-eyes steps on a wave (docs/migrations.md): approve (a second admin), cancel (before it
 * runs), run, and the one download. Each asks lib/migrations/state.ts, then applies the step only
 * if the wave is still as read, and records it; a refusal is recorded too (lib/migrations/refuse.ts).
 */
import type { Actor } from '../access/actor';
import { database, writeTransaction, type AuditDatabase } from '../audit/db';
import type { MigrationWavesTable } from '../audit/schema';
import { appendWithin } from '../audit/store';
import type { AuditEventType } from '../audit/types';
import { refuseWave, type WaveResult } from './refuse';
import { decideStep, STEP_REFUSAL_TEXT, type WaveStep } from './state';
import { findWave, moveWave } from './store';

const PATCH: Record<
  Exclude<WaveStep, 'export'>,
  { type: AuditEventType; patch: (actor: Actor, now: string) => Partial<MigrationWavesTable> }
> = {
  approve: {
    type: 'wave.approved',
    patch: (a, now) => ({ state: 'approved', approved_by: a.subject, approved_by_name: a.name, approved_at: now }),
  },
  cancel: { type: 'wave.cancelled', patch: (a, now) => ({ state: 'cancelled', cancelled_by: a.subject, cancelled_at: now }) },
  run: {
    type: 'wave.started',
    patch: (a, now) => ({ state: 'running', started_by: a.subject, started_by_email: a.email, started_by_name: a.name, started_at: now }),
  },
};

export const NOT_FOUND = 'No such migration wave.';

/** Approve, cancel or start a wave. The step-up sign-in is checked before, by the action (app/(portal)/migrations/actions.ts), which has the request. */
export async function takeStep(
  actor: Actor,
  waveId: string,
  step: Exclude<WaveStep, 'export'>,
  handle?: AuditDatabase,
): Promise<WaveResult> {
  const h = handle ?? (await database());
  if (actor.role !== 'admin') return refuseWave(h, actor, undefined, 'not-an-admin', NOT_FOUND);
  const wave = await findWave(h.db, waveId);
  if (!wave || !actor.organizations.has(wave.organizationId)) return refuseWave(h, actor, undefined, 'not-found', NOT_FOUND);
  const now = new Date();
  const decision = decideStep(wave, step, actor.subject, now);
  if (!decision.allowed) return refuseWave(h, actor, wave.id, decision.refusal, STEP_REFUSAL_TEXT[decision.refusal], wave.organizationId);
  const { type, patch } = PATCH[step];
  const moved = await writeTransaction(h, async (tx) => {
    if (!(await moveWave(tx, wave.id, decision.from, patch(actor, now.toISOString())))) return false;
    await appendWithin(tx, {
      type,
      outcome: type.slice('wave.'.length),
      actor: { subject: actor.subject, email: actor.email, name: actor.name, role: actor.role },
      organizationId: wave.organizationId,
      waveId: wave.id,
      reason: wave.name,
    });
    return true;
  });
  // Someone else moved it first: say what it is now.
  if (!moved) return takeStep(actor, waveId, step, h);
  return { status: 'ok', waveId: wave.id };
}
