/**
 * What a session record means at a given moment: pure, so every branch is unit-tested. Idle time
 * is counted from the last recorded activity, which is written at most once a minute (TOUCH_MS),
 * so the idle limit holds to within that minute.
 */
export const TOUCH_MS = 60_000;

export interface SessionTimes {
  lastSeenAt: number;
  expiresAt: number;
  groupsRefreshedAt: number;
  endReason?: string;
}

export interface Limits {
  idleMs: number;
  refreshMs: number;
}

export type Verdict =
  { kind: 'ended' } | { kind: 'end'; reason: 'expired' | 'idle' } | { kind: 'live'; touch: boolean; refreshGroups: boolean };

export function sessionVerdict(session: SessionTimes, now: number, limits: Limits): Verdict {
  if (session.endReason) return { kind: 'ended' };
  if (now >= session.expiresAt) return { kind: 'end', reason: 'expired' };
  if (now - session.lastSeenAt > limits.idleMs) return { kind: 'end', reason: 'idle' };
  return {
    kind: 'live',
    touch: now - session.lastSeenAt >= TOUCH_MS,
    refreshGroups: now - session.groupsRefreshedAt >= limits.refreshMs,
  };
}
