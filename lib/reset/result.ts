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
      /** A one-time link can be made for this reset (components/handover-link.tsx). */
      handover?: { ref: string };
    }
  | { status: 'invalid'; fieldErrors: Partial<Record<ResetField, string>> }
  | { status: 'refused'; title: string; action: string; requestId?: string }
  /** The session ended before the submit (signed out elsewhere, expired): nothing was done or recorded. */
  | { status: 'signed-out' };

export const IDLE: ResetResult = { status: 'idle' };
