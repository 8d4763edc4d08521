import { describe, expect, it } from 'vitest';
import { sessionVerdict, TOUCH_MS } from './verdict';

const NOW = 1_800_000_000_000;
const MIN = 60_000;
const limits = { idleMs: 30 * MIN, refreshMs: 10 * MIN };
const session = (over: Partial<Parameters<typeof sessionVerdict>[0]> = {}) => ({
  lastSeenAt: NOW,
  expiresAt: NOW + 8 * 60 * MIN,
  groupsRefreshedAt: NOW,
  ...over,
});

describe('what a session record means now', () => {
  it('is live, with no write, right after activity', () => {
    expect(sessionVerdict(session(), NOW, limits)).toEqual({ kind: 'live', touch: false, refreshGroups: false });
  });

  it('records activity at most once a minute', () => {
    expect(sessionVerdict(session({ lastSeenAt: NOW - TOUCH_MS + 1 }), NOW, limits)).toMatchObject({ touch: false });
    expect(sessionVerdict(session({ lastSeenAt: NOW - TOUCH_MS }), NOW, limits)).toMatchObject({ touch: true });
  });

  it('ends after the idle limit, and not a moment before', () => {
    expect(sessionVerdict(session({ lastSeenAt: NOW - 30 * MIN }), NOW, limits)).toMatchObject({ kind: 'live' });
    expect(sessionVerdict(session({ lastSeenAt: NOW - 30 * MIN - 1 }), NOW, limits)).toEqual({ kind: 'end', reason: 'idle' });
  });

  it('ends at the absolute limit however active it is', () => {
    expect(sessionVerdict(session({ expiresAt: NOW }), NOW, limits)).toEqual({ kind: 'end', reason: 'expired' });
  });

  it('asks for fresh groups once the refresh interval has passed', () => {
    expect(sessionVerdict(session({ groupsRefreshedAt: NOW - 10 * MIN + 1 }), NOW, limits)).toMatchObject({ refreshGroups: false });
    expect(sessionVerdict(session({ groupsRefreshedAt: NOW - 10 * MIN }), NOW, limits)).toMatchObject({ refreshGroups: true });
  });

  it('stays ended once ended, whatever the times say', () => {
    expect(sessionVerdict(session({ endReason: 'signed-out' }), NOW, limits)).toEqual({ kind: 'ended' });
  });
});
