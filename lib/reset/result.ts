/** What the reset action answers: a union the form renders, never holding the password. */
export type ResetField = 'password' | 'confirmation' | 'reason' | 'form';

export type ResetResult =
  | { status: 'idle' }
  | {
      status: 'success';
      displayName: string;
      email?: string;
      signInName: string;
      requestId?: string;
      /** Whether the person must choose a new password at next sign-in: asked and done, asked and refused, not asked, or impossible. */
      requireChange: 'applied' | 'refused' | 'not-asked' | 'unsupported';
      /** Set when HANDOVER_MODE allows a one-time link: the opaque reference createHandoverLinkAction takes (no secret). */
      handover?: { ref: string };
      /** The notice to the person (lib/notify): sent, failed, still being sent after 3 s, or off (no SMTP_URL). */
      notice?: { state: 'sent' | 'failed' | 'pending' | 'off'; to?: string };
    }
  | { status: 'invalid'; fieldErrors: Partial<Record<ResetField, string>> }
  | { status: 'refused'; title: string; action: string; requestId?: string }
  /** The sign-in is too old (or too weak) for a reset: sign in again first (lib/auth/step-up.ts). Nothing was done. */
  | { status: 'step-up' }
  /** The session ended before the submit (signed out elsewhere, expired): nothing was done or recorded. */
  | { status: 'signed-out' };

export const IDLE: ResetResult = { status: 'idle' };
