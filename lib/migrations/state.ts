/**
 * The wave's four-eyes state machine (docs/migrations.md), pure: every step asks it first, and the
 * store applies the step only if the wave is still in the state this decision read (a conditional
 * update), so two admins clicking at once cannot both win.
 */
import type { Wave, WaveState } from './types';

export type WaveStep = 'approve' | 'cancel' | 'run' | 'export';

export type StepRefusal =
  | 'own-wave'
  | 'not-a-party'
  | 'cancelled'
  | 'already-approved'
  | 'not-approved'
  | 'already-running'
  | 'finished'
  | 'not-finished'
  | 'already-downloaded'
  | 'expired';

export type StepDecision = { allowed: true; from: WaveState; to: WaveState } | { allowed: false; refusal: StepRefusal };

export const STEP_REFUSAL_TEXT: Record<StepRefusal, string> = {
  'own-wave': 'You created this wave: another admin must approve it.',
  'not-a-party': 'Only the admin who created this wave or the one who approved it may do this.',
  cancelled: 'This wave was cancelled.',
  'already-approved': 'This wave is already approved.',
  'not-approved': 'This wave has not been approved by a second admin yet.',
  'already-running': 'This wave is already running: it can no longer be cancelled.',
  finished: 'This wave has already run.',
  'not-finished': 'This wave has not finished running yet.',
  'already-downloaded': 'The passwords of this wave have already been downloaded once; they are deleted and cannot be shown again.',
  expired: 'The download window of this wave has passed; its passwords are deleted. Reset the people again if they are still needed.',
};

const refuse = (refusal: StepRefusal): StepDecision => ({ allowed: false, refusal });

const isParty = (wave: Wave, subject: string) => wave.createdBy.subject === subject || wave.approvedBy?.subject === subject;

/** Whether `subject` (an admin: the caller checks the role) may take `step` on `wave` at `now`. */
export function decideStep(wave: Wave, step: WaveStep, subject: string, now: Date): StepDecision {
  const { state } = wave;
  if (state === 'cancelled') return refuse('cancelled');
  switch (step) {
    case 'approve':
      if (state !== 'awaiting-approval')
        return refuse(state === 'approved' ? 'already-approved' : state === 'running' ? 'already-running' : 'finished');
      if (wave.createdBy.subject === subject) return refuse('own-wave');
      return { allowed: true, from: state, to: 'approved' };
    case 'cancel':
      if (state === 'running') return refuse('already-running');
      if (state === 'finished') return refuse('finished');
      return { allowed: true, from: state, to: 'cancelled' };
    case 'run':
      if (state === 'awaiting-approval') return refuse('not-approved');
      if (state === 'running') return refuse('already-running');
      if (state === 'finished') return refuse('finished');
      if (!isParty(wave, subject)) return refuse('not-a-party');
      return { allowed: true, from: state, to: 'running' };
    case 'export':
      if (state !== 'finished') return refuse(state === 'running' ? 'not-finished' : 'not-approved');
      if (!isParty(wave, subject)) return refuse('not-a-party');
      if (wave.exportedAt) return refuse('already-downloaded');
      if (!wave.exportExpiresAt || now.getTime() >= Date.parse(wave.exportExpiresAt)) return refuse('expired');
      return { allowed: true, from: state, to: state };
  }
}

/** The freeze holds from freezeFrom to freezeUntil, for every wave not cancelled. */
export function freezeHolds(wave: Pick<Wave, 'state' | 'freezeFrom' | 'freezeUntil'>, now: Date): boolean {
  const t = now.getTime();
  return wave.state !== 'cancelled' && t >= Date.parse(wave.freezeFrom) && t < Date.parse(wave.freezeUntil);
}
