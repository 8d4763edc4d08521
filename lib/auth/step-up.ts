/**
 * Step-up before a reset (docs/configuration.md, REAUTH_MAX_AGE_MINUTES, REQUIRED_ACR,
 * REQUIRED_AMR): the operator's sign-in must be recent, and as strong as configured. The sign-in
 * time is the provider's own `auth_time` (lib/auth/auth-time.ts reauthTime; never the portal's
 * clock, so a missing one is stale); the server checks it on every submit, never trusting the page. A stale session is
 * sent to the identity provider with `prompt=login` and `max_age=0` (components/step-up-notice.tsx).
 */
import type { StepUpPolicy } from './step-up-policy';

export type { StepUpPolicy } from './step-up-policy';

export type StepUpReason = 'stale' | 'acr' | 'amr';

export interface SignInFacts {
  /**
   * Seconds since the epoch: the provider's own `auth_time` as stored in the session
   * (lib/auth/auth-time.ts reauthTime), or 0 when it sent none usable, which is always stale.
   */
  reauthAt: number;
  acr?: string;
  amr?: readonly string[];
}

/** Why this sign-in is not enough for a reset now, or null when it is. Pure. */
export function stepUpReason(signIn: SignInFacts, nowSeconds: number, policy: StepUpPolicy): StepUpReason | null {
  if (policy.maxAgeSeconds > 0 && !(signIn.reauthAt > 0 && nowSeconds - signIn.reauthAt <= policy.maxAgeSeconds)) return 'stale';
  if (policy.acr.length > 0 && !(signIn.acr && policy.acr.includes(signIn.acr))) return 'acr';
  if (policy.amr.some((method) => !signIn.amr?.includes(method))) return 'amr';
  return null;
}

/** The identity provider's parameters for a fresh sign-in: ask for the password again, and say so in `max_age`. */
export const STEP_UP_AUTHORIZATION_PARAMS: Readonly<Record<string, string>> = { prompt: 'login', max_age: '0' };

/** What the notice tells the operator, by reason. */
export const STEP_UP_TEXT: Record<StepUpReason, string> = {
  stale: 'You signed in a while ago. To reset a password, sign in again first.',
  acr: 'Resetting a password needs a stronger sign-in than the one you used. Sign in again.',
  amr: 'Resetting a password needs a sign-in with a second factor. Sign in again and use it.',
};
