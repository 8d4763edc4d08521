'use server';

import { headers } from 'next/headers';
import { config } from '@/lib/config';
import { defineAction } from '@/lib/reset/define-action';
import { resetPasswordSchema } from '@/lib/reset/schema';
import { requestClient } from '@/lib/request-client';
import { performReset, recordInvalidForm } from '@/lib/reset/perform-reset';

const FIELDS = ['organizationId', 'userId', 'binding', 'password', 'confirmation', 'reason'] as const;

export const resetPasswordAction = defineAction(
  () => resetPasswordSchema({ ...config().password, maxLength: 256 }),
  FIELDS,
  async (input, { actor }) => {
    return performReset(actor, input, requestClient(await headers()));
  },
  async (raw, fields, { actor }) => recordInvalidForm(actor, raw, fields, requestClient(await headers())),
);
