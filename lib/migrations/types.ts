/**
 * Migration waves (docs/migrations.md): the shapes the store, the runner and the pages share.
 * A wave moves through the states of lib/migrations/state.ts; each of its people through
 * pending → claimed → succeeded | failed (or stays excluded, with the reason, from the preview on).
 */
export const WAVE_STATES = ['awaiting-approval', 'approved', 'running', 'finished', 'cancelled'] as const;
export type WaveState = (typeof WAVE_STATES)[number];

export const MEMBER_STATES = ['pending', 'claimed', 'succeeded', 'failed', 'excluded'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

/** The migration tool whose CSV the export is written for (lib/migrations/csv.ts). */
export const WAVE_FORMATS = ['m365-imap', 'google-workspace'] as const;
export type WaveFormat = (typeof WAVE_FORMATS)[number];

export const FORMAT_LABEL: Record<WaveFormat, string> = {
  'm365-imap': 'Microsoft 365 IMAP migration (EmailAddress, UserName, Password)',
  'google-workspace': 'Google Workspace data migration (source email, password)',
};

export interface Operator {
  subject: string;
  name: string;
}

export interface Wave {
  id: string;
  name: string;
  organizationId: string;
  /** What the wave was made from, in words: "groups sales, platform" or "a list of 3". */
  source: string;
  format: WaveFormat;
  freezeFrom: string;
  freezeUntil: string;
  state: WaveState;
  createdBy: Operator;
  createdAt: string;
  approvedBy?: Operator;
  approvedAt?: string;
  cancelledBy?: string;
  cancelledAt?: string;
  /** The admin who started the run: the operator of each person's reset events. */
  startedBy?: Operator & { email: string };
  startedAt?: string;
  finishedAt?: string;
  exportExpiresAt?: string;
  exportedBy?: string;
  exportedAt?: string;
}

export interface WaveMember {
  position: number;
  /** Absent for a pasted name the directory does not know. */
  personId?: string;
  username: string;
  email?: string;
  displayName: string;
  state: MemberState;
  /** Why excluded or failed, in the portal's words. */
  reason?: string;
}

export interface WaveProgress {
  state: WaveState;
  done: number;
  failed: number;
  remaining: number;
  excluded: number;
}
