import 'server-only';
/**
 * What follows a successful reset, once its outcome is recorded (docs/handover.md): the password
 * stashed for a one-time link when HANDOVER_MODE allows links, and the notice to the person. The
 * two run side by side; neither can undo the reset, so a failure of either is logged (and, for
 * the notice, audited) and the result simply lacks that part.
 */
import { config } from '../config';
import type { Person } from '../directory/types';
import { stashPassword } from '../handover/stash';
import { log } from '../log';
import { notifyAfterReset } from '../notify/notify';
import type { ResetResult } from './result';

type Success = Extract<ResetResult, { status: 'success' }>;

export interface AfterResetInput {
  actor: { subject: string; email: string; name: string; role: string };
  organizationId: string;
  person: Person;
  signInName: string;
  requestId?: string;
  password: string;
}

export async function afterReset(input: AfterResetInput): Promise<Pick<Success, 'handover' | 'notice'>> {
  const resetAt = new Date();
  const person = { id: input.person.id, email: input.person.email, displayName: input.person.displayName };
  const stash = async (): Promise<Success['handover']> => {
    if (config().handover.mode === 'show') return undefined;
    try {
      const ref = await stashPassword({ ...input, person });
      return { ref };
    } catch (err) {
      log.error({ err: (err as Error).message, actor: input.actor.subject }, 'hand-over: the password could not be stashed for a link');
      return undefined;
    }
  };
  const notify = () =>
    notifyAfterReset({ actor: input.actor, organizationId: input.organizationId, person, requestId: input.requestId, resetAt }).catch(
      (err: unknown): Success['notice'] => {
        log.error({ err: (err as Error).message, actor: input.actor.subject }, 'notice: not sent');
        return { state: 'failed' };
      },
    );
  const [handover, notice] = await Promise.all([stash(), notify()]);
  return { ...(handover ? { handover } : {}), notice };
}
