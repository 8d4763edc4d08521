import { describe, expect, it } from 'vitest';
import { stepUpReason } from './step-up';

const NOW = 1_800_000_000;
const policy = { maxAgeSeconds: 15 * 60, acr: [] as string[], amr: [] as string[] };

describe('stepUpReason', () => {
  it('accepts a sign-in within the limit, to the second', () => {
    expect(stepUpReason({ reauthAt: NOW - 60 }, NOW, policy)).toBeNull();
    expect(stepUpReason({ reauthAt: NOW - 900 }, NOW, policy)).toBeNull();
  });

  it('asks for a fresh sign-in past the limit, or when the time is missing or absurd', () => {
    expect(stepUpReason({ reauthAt: NOW - 901 }, NOW, policy)).toBe('stale');
    expect(stepUpReason({ reauthAt: 0 }, NOW, policy)).toBe('stale');
    expect(stepUpReason({ reauthAt: Number.NaN }, NOW, policy)).toBe('stale');
  });

  it('never asks when REAUTH_MAX_AGE_MINUTES is 0', () => {
    expect(stepUpReason({ reauthAt: 0 }, NOW, { ...policy, maxAgeSeconds: 0 })).toBeNull();
  });

  it('requires one of the configured acr values', () => {
    const strict = { ...policy, acr: ['mfa', 'urn:example:loa:3'] };
    expect(stepUpReason({ reauthAt: NOW, acr: 'mfa' }, NOW, strict)).toBeNull();
    expect(stepUpReason({ reauthAt: NOW, acr: 'pwd' }, NOW, strict)).toBe('acr');
    expect(stepUpReason({ reauthAt: NOW }, NOW, strict)).toBe('acr');
  });

  it('requires every configured amr value', () => {
    const strict = { ...policy, amr: ['pwd', 'mfa'] };
    expect(stepUpReason({ reauthAt: NOW, amr: ['pwd', 'otp', 'mfa'] }, NOW, strict)).toBeNull();
    expect(stepUpReason({ reauthAt: NOW, amr: ['pwd'] }, NOW, strict)).toBe('amr');
    expect(stepUpReason({ reauthAt: NOW }, NOW, strict)).toBe('amr');
  });

  it('says stale first: a fresh sign-in is what every reason needs', () => {
    expect(stepUpReason({ reauthAt: NOW - 3600, amr: [] }, NOW, { ...policy, amr: ['mfa'] })).toBe('stale');
  });
});
