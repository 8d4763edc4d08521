/** The wave's four-eyes state machine, step by step, and the freeze window. */
import { describe, expect, it } from 'vitest';
import { decideStep, freezeHolds, type WaveStep } from './state';
import type { Wave, WaveState } from './types';

const NOW = new Date('2026-12-01T10:00:00Z');
const wave = (state: WaveState, extra: Partial<Wave> = {}): Wave => ({
  id: 'w1',
  name: 'Sales',
  organizationId: 'm-1',
  source: 'groups sales',
  format: 'm365-imap',
  freezeFrom: '2026-12-01T00:00:00.000Z',
  freezeUntil: '2026-12-02T00:00:00.000Z',
  state,
  createdBy: { subject: 'alice', name: 'Alice' },
  createdAt: '2026-12-01T00:00:00.000Z',
  ...(state !== 'awaiting-approval' ? { approvedBy: { subject: 'frank', name: 'Frank' } } : {}),
  ...extra,
});
const decide = (w: Wave, step: WaveStep, who: string) => decideStep(w, step, who, NOW);

describe('four eyes', () => {
  it('lets a second admin approve, never the creator', () => {
    expect(decide(wave('awaiting-approval'), 'approve', 'frank')).toEqual({ allowed: true, from: 'awaiting-approval', to: 'approved' });
    expect(decide(wave('awaiting-approval'), 'approve', 'alice')).toEqual({ allowed: false, refusal: 'own-wave' });
  });

  it('refuses a second approval, an approval after cancel, and one of a running or finished wave', () => {
    expect(decide(wave('approved'), 'approve', 'bob')).toMatchObject({ refusal: 'already-approved' });
    expect(decide(wave('cancelled'), 'approve', 'frank')).toMatchObject({ refusal: 'cancelled' });
    expect(decide(wave('running'), 'approve', 'frank')).toMatchObject({ refusal: 'already-running' });
    expect(decide(wave('finished'), 'approve', 'frank')).toMatchObject({ refusal: 'finished' });
  });

  it('lets either admin cancel before the run, and nobody after', () => {
    expect(decide(wave('awaiting-approval'), 'cancel', 'alice')).toMatchObject({ allowed: true, to: 'cancelled' });
    expect(decide(wave('approved'), 'cancel', 'frank')).toMatchObject({ allowed: true, to: 'cancelled' });
    expect(decide(wave('running'), 'cancel', 'alice')).toMatchObject({ refusal: 'already-running' });
    expect(decide(wave('finished'), 'cancel', 'alice')).toMatchObject({ refusal: 'finished' });
    expect(decide(wave('cancelled'), 'cancel', 'alice')).toMatchObject({ refusal: 'cancelled' });
  });

  it('runs only an approved wave, started by its creator or approver, once', () => {
    expect(decide(wave('awaiting-approval'), 'run', 'alice')).toMatchObject({ refusal: 'not-approved' });
    expect(decide(wave('approved'), 'run', 'alice')).toEqual({ allowed: true, from: 'approved', to: 'running' });
    expect(decide(wave('approved'), 'run', 'frank')).toMatchObject({ allowed: true });
    expect(decide(wave('approved'), 'run', 'zoe')).toMatchObject({ refusal: 'not-a-party' });
    expect(decide(wave('running'), 'run', 'alice')).toMatchObject({ refusal: 'already-running' });
  });
});

describe('the one download', () => {
  const finished = (extra: Partial<Wave> = {}) => wave('finished', { exportExpiresAt: '2026-12-01T11:00:00.000Z', ...extra });

  it('is for the creator or the approver, within the window, once', () => {
    expect(decide(finished(), 'export', 'alice')).toMatchObject({ allowed: true });
    expect(decide(finished(), 'export', 'frank')).toMatchObject({ allowed: true });
    expect(decide(finished(), 'export', 'zoe')).toMatchObject({ refusal: 'not-a-party' });
    expect(decide(finished({ exportedAt: '2026-12-01T10:30:00.000Z' }), 'export', 'alice')).toMatchObject({
      refusal: 'already-downloaded',
    });
    expect(decide(finished({ exportExpiresAt: '2026-12-01T10:00:00.000Z' }), 'export', 'alice')).toMatchObject({ refusal: 'expired' });
  });

  it('waits for the run to finish', () => {
    expect(decide(wave('running'), 'export', 'alice')).toMatchObject({ refusal: 'not-finished' });
    expect(decide(wave('approved'), 'export', 'alice')).toMatchObject({ refusal: 'not-approved' });
  });
});

describe('the freeze', () => {
  it('holds inside its window for a wave that is not cancelled', () => {
    expect(freezeHolds(wave('awaiting-approval'), NOW)).toBe(true);
    expect(freezeHolds(wave('finished'), NOW)).toBe(true);
    expect(freezeHolds(wave('cancelled'), NOW)).toBe(false);
    expect(freezeHolds(wave('running'), new Date('2026-12-02T00:00:00Z'))).toBe(false);
    expect(freezeHolds(wave('running'), new Date('2026-11-30T23:59:59Z'))).toBe(false);
  });
});
