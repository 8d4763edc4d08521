/**
 * The reset form's schema, used by the browser and by the action (docs/style.md: one isomorphic
 * schema per form). Messages name what is wrong and never repeat the password.
 */
import { z } from 'zod';
import { ORGANIZATION_ID } from '../access/organization-id';
import { checklist, type PasswordPolicy } from '../password/policy';

export const REASON_MAX = 200;

/** What every reset form sends besides the password: the target, the binding, the reason and the checkbox. */
const targetFields = {
  organizationId: z.string().regex(ORGANIZATION_ID, 'Unknown organization.'),
  userId: z.string().min(1).max(256),
  binding: z.string().min(1).max(200),
  reason: z
    .string()
    .max(REASON_MAX, `At most ${REASON_MAX} characters.`)
    .regex(/^[^\p{Cc}]*$/u, 'Remove line breaks and control characters.')
    .transform((s) => s.trim())
    .optional(),
  /** The checkbox "Require a password change at next sign-in" (only where the directory can). */
  requireChange: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on'),
};

export function resetPasswordSchema(policy: PasswordPolicy) {
  return z
    .object({
      ...targetFields,
      password: z.string().max(4 * policy.maxLength, `At most ${policy.maxLength} characters.`),
      confirmation: z.string().max(4 * policy.maxLength),
    })
    .superRefine((form, ctx) => {
      for (const check of checklist(form.password, form.confirmation, policy)) {
        if (check.ok) continue;
        const path = check.id === 'match' ? 'confirmation' : 'password';
        ctx.addIssue({ code: 'custom', path: [path], message: check.id === 'match' ? 'The passwords do not match.' : `${check.label}.` });
      }
    });
}

/**
 * The form when the password is generated on the server (HANDOVER_MODE=link, lib/reset/handover-mode.ts):
 * it has no password fields, and a password sent anyway is dropped, so the operator cannot choose
 * (and so know) the password they hand over.
 */
export function serverGeneratedResetSchema() {
  return z.object(targetFields);
}

/** The parsed form; `requireChange` is false when absent (callers other than the form may leave it out). */
export type ResetPasswordInput = Omit<z.output<ReturnType<typeof resetPasswordSchema>>, 'requireChange'> & { requireChange?: boolean };
