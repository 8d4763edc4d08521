'use server';

import { headers } from 'next/headers';
import { config } from '@/lib/config';
import { defineAction } from '@/lib/define-action';
import { resetPasswordSchema } from '@/lib/password/schema';
import { performReset } from '@/lib/reset-password';

const FIELDS = ['organizationId', 'userId', 'binding', 'password', 'confirmation', 'reason'] as const;

export const resetPasswordAction = defineAction(
  () => resetPasswordSchema({ ...config().password, maxLength: 256 }),
  FIELDS,
  async (input, { actor }) => {
    const h = await headers();
    const clientIp = h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || undefined;
    return performReset(actor, input, { clientIp, userAgent: h.get('user-agent') ?? undefined });
  },
);
