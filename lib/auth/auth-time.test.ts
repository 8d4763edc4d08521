import { describe, expect, it } from 'vitest';
import { reauthTime, signInTime } from './auth-time';
import { stepUpReason } from './step-up';

const NOW = 1_800_000_000;
const MAX_AGE = 8 * 3600;

describe('signInTime', () => {
  it("uses the provider's auth_time when it is plausible", () => {
    expect(signInTime({ auth_time: NOW - 600, iat: NOW - 5 }, NOW, MAX_AGE)).toEqual({ authTime: NOW - 600, source: 'provider' });
  });

  it.each([
    ['absent', {}],
    ['zero (Glewlwyd)', { auth_time: 0, iat: NOW }],
    ['negative', { auth_time: -5, iat: NOW }],
    ['not a number', { auth_time: '1799999000', iat: NOW }],
    ['in the future', { auth_time: NOW + 3600, iat: NOW }],
    ['after the token was issued', { auth_time: NOW - 10, iat: NOW - 600 }],
    ['older than the longest session', { auth_time: NOW - MAX_AGE - 1, iat: NOW }],
  ])("falls back to the portal's own time when auth_time is %s", (_why, claims) => {
    expect(signInTime(claims, NOW, MAX_AGE)).toEqual({ authTime: NOW, source: 'portal' });
  });

  it('accepts a clock a little ahead, without starting the session in the future', () => {
    expect(signInTime({ auth_time: NOW + 30, iat: NOW + 30 }, NOW, MAX_AGE)).toEqual({ authTime: NOW, source: 'provider' });
  });
});

describe('reauthTime (step-up)', () => {
  const stepUp = { maxAgeSeconds: 15 * 60, acr: [] as string[], amr: [] as string[] };

  it("keeps the provider's auth_time as it is, however old", () => {
    expect(reauthTime({ auth_time: NOW - 60 }, NOW)).toBe(NOW - 60);
    expect(reauthTime({ auth_time: NOW - 9 * 3600 }, NOW)).toBe(NOW - 9 * 3600);
    expect(reauthTime({ auth_time: NOW + 30 }, NOW)).toBe(NOW + 30);
  });

  it.each([
    ['absent', {}],
    ['zero (Glewlwyd)', { auth_time: 0 }],
    ['negative', { auth_time: -5 }],
    ['not a number', { auth_time: String(NOW) }],
    ['in the future', { auth_time: NOW + 3600 }],
  ])("is 0 when auth_time is %s, never the portal's own time", (_why, claims) => {
    expect(reauthTime(claims, NOW)).toBe(0);
  });

  it('a single-sign-on session 9 hours old, or one without auth_time, is not a fresh sign-in for step-up', () => {
    // signInTime alone would give "now" for both (the session's lifetime starts here); step-up must not.
    expect(stepUpReason({ reauthAt: reauthTime({ auth_time: NOW - 9 * 3600, iat: NOW }, NOW) }, NOW, stepUp)).toBe('stale');
    expect(stepUpReason({ reauthAt: reauthTime({ auth_time: 0, iat: NOW }, NOW) }, NOW, stepUp)).toBe('stale');
    expect(stepUpReason({ reauthAt: reauthTime({ auth_time: NOW - 60, iat: NOW }, NOW) }, NOW, stepUp)).toBeNull();
  });
});
