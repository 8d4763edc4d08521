'use server';

import { headers } from 'next/headers';
import { getActor } from '@/lib/auth/current-actor';
import { isToken } from '@/lib/handover/crypto';
import { createLink } from '@/lib/handover/stash';
import { requestClient } from '@/lib/request-client';

export type CreateLinkResult = { ok: true; url: string; expiresAt: string } | { ok: false; message: string };

/** Mints the one-time link for a reset's stashed password: only its operator, once (lib/handover/stash.ts). */
export async function createHandoverLinkAction(ref: unknown): Promise<CreateLinkResult> {
  const actor = await getActor();
  if (!actor || actor.role === 'none') return { ok: false, message: 'You were signed out: sign in again and reset the password again.' };
  // A reference has the shape of a token (lib/handover/crypto.ts); anything else is no reference.
  if (typeof ref !== 'string' || !isToken(ref)) return { ok: false, message: 'This form is out of date: reload the page and try again.' };
  const link = await createLink(actor, ref, requestClient(await headers()));
  return link.ok ? { ok: true, url: link.url, expiresAt: link.expiresAt } : link;
}
