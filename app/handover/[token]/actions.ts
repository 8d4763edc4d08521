'use server';

import { headers } from 'next/headers';
import { cookieIdentity } from '@/lib/auth/session-token';
import { OWN_LINK, revealLink } from '@/lib/handover/reveal';
import { requestClient } from '@/lib/request-client';
import { utcTime } from '@/lib/text/utc';

export type RevealState =
  | { state: 'idle' }
  | { state: 'revealed'; password: string; signInName: string }
  | { state: 'gone'; operatorName?: string }
  | { state: 'limited'; message: string }
  | { state: 'refused'; message: string };

/** The one-time link's button (lib/handover/reveal.ts): a POST, so a preview that only fetches the page reveals nothing. */
export async function revealHandoverAction(token: unknown): Promise<RevealState> {
  if (typeof token !== 'string') return { state: 'gone' };
  // The operator's own portal session on this browser, if any: their own link is not for them.
  const viewer = await cookieIdentity().catch(() => null);
  const result = await revealLink(token, requestClient(await headers()), { viewerSubject: viewer?.subject || undefined });
  if (result.state === 'revealed') return { state: 'revealed', password: result.password, signInName: result.signInName };
  if (result.state === 'own-link') return { state: 'refused', message: OWN_LINK };
  if (result.state === 'limited') {
    return { state: 'limited', message: `Too many attempts from your network. Try again after ${utcTime(result.retryAt)}.` };
  }
  return { state: 'gone', operatorName: result.operatorName };
}
