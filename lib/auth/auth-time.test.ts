import { describe, expect, it } from 'vitest';
import { signInTime } from './auth-time';

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
