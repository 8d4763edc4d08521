'use server';

import { headers } from 'next/headers';
import { passwordPolicyFor } from '@/lib/portal';
import { generatePassword } from '@/lib/password/generate';
import { defineResetAction } from '@/lib/reset/define-action';
import { handoverMode } from '@/lib/config';
import { operatorSeesPassword } from '@/lib/reset/handover-mode';
import { resetPasswordSchema, serverGeneratedResetSchema } from '@/lib/reset/schema';
import { requestClient } from '@/lib/request-client';
import { performReset, recordInvalidForm } from '@/lib/reset/perform-reset';

const FIELDS = ['organizationId', 'userId', 'binding', 'password', 'confirmation', 'reason', 'requireChange'] as const;

export const resetPasswordAction = defineResetAction(
  // The rules of the person's directory; an organization the operator may not use is refused after parsing.
  // With a link-only hand-over the form sends no password: one is made here, never by the operator.
  (raw) =>
    operatorSeesPassword(handoverMode())
      ? resetPasswordSchema(passwordPolicyFor(typeof raw.organizationId === 'string' ? raw.organizationId : ''))
      : serverGeneratedResetSchema(),
  FIELDS,
  async (input, { actor }) => {
    const password = 'password' in input && typeof input.password === 'string' ? input.password : generatePassword();
    return performReset(actor, { ...input, password, confirmation: password }, requestClient(await headers()));
  },
  async (raw, fields, { actor }) => recordInvalidForm(actor, raw, fields, requestClient(await headers())),
);
