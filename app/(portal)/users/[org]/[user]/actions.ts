'use server';

import { headers } from 'next/headers';
import { passwordPolicyFor } from '@/lib/portal';
import { defineResetAction } from '@/lib/reset/define-action';
import { resetPasswordSchema } from '@/lib/reset/schema';
import { requestClient } from '@/lib/request-client';
import { performReset, recordInvalidForm } from '@/lib/reset/perform-reset';

const FIELDS = ['organizationId', 'userId', 'binding', 'password', 'confirmation', 'reason', 'requireChange'] as const;

export const resetPasswordAction = defineResetAction(
  // The rules of the person's directory; an organization the operator may not use is refused after parsing.
  (raw) => resetPasswordSchema(passwordPolicyFor(typeof raw.organizationId === 'string' ? raw.organizationId : '')),
  FIELDS,
  async (input, { actor }) => {
    return performReset(actor, input, requestClient(await headers()));
  },
  async (raw, fields, { actor }) => recordInvalidForm(actor, raw, fields, requestClient(await headers())),
);
