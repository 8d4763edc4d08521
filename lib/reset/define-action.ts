import 'server-only';
/**
 * One way to run a form action (docs/style.md): parse with the form's schema, require a signed-in
 * operator with a role, run the handler, and turn anything unexpected into a plain refusal that
 * is logged in full. Input that fails the schema never reaches the handler, so `onInvalid` is
 * where it is recorded (the raw fields are the attacker's: record only what identifies the
 * target). `redirect` happens outside any try/catch, as Next.js requires. A submit whose session
 * has ended answers `signed-out`, not a redirect: the form then offers to sign in again and come
 * back to the same person, instead of leaving the page (nothing is done, and, as before, nothing is
 * recorded for a request nobody is signed in for).
 */
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import type { Actor } from '../access/actor';
import { getActor } from '../auth/current-actor';
import { refuseWithoutStepUp } from '../auth/step-up-check';
import { log } from '../log';
import type { ResetField, ResetResult } from './result';

export interface ActionContext {
  actor: Actor;
}

export function defineResetAction<S extends z.ZodType>(
  schema: (raw: Readonly<Record<string, unknown>>) => S,
  fields: readonly string[],
  handler: (input: z.output<S>, context: ActionContext) => Promise<ResetResult>,
  onInvalid?: (raw: Record<string, unknown>, fieldsAtFault: ResetField[], context: ActionContext) => Promise<void>,
) {
  return async (_previous: ResetResult, formData: FormData): Promise<ResetResult> => {
    const raw = Object.fromEntries(fields.map((name) => [name, formData.get(name) ?? undefined]));
    const parsed = schema(raw).safeParse(raw);
    const actor = await getActor();
    if (!actor) return { status: 'signed-out' };
    if (actor.role === 'none') redirect('/no-access');
    if (await refuseWithoutStepUp(actor, raw)) return { status: 'step-up' };
    if (!parsed.success) {
      const fieldErrors: Partial<Record<ResetField, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = (['password', 'confirmation', 'reason'].includes(String(issue.path[0])) ? issue.path[0] : 'form') as ResetField;
        fieldErrors[field] ??= field === 'form' ? 'This form is out of date: reload the page and try again.' : issue.message;
      }
      await onInvalid?.(raw, Object.keys(fieldErrors) as ResetField[], { actor }).catch((err: unknown) =>
        log.error({ err: (err as Error).message, actor: actor.subject }, 'invalid form not recorded'),
      );
      return { status: 'invalid', fieldErrors };
    }
    try {
      return await handler(parsed.data, { actor });
    } catch (err) {
      log.error({ err, actor: actor.subject }, 'action failed unexpectedly');
      return { status: 'refused', title: 'Something unexpected went wrong.', action: 'Try again; if it persists, tell IT.' };
    }
  };
}
