import { describe, expect, it } from 'vitest';
import { signInErrorMessage } from './sign-in-errors';

describe('signInErrorMessage', () => {
  it.each(['OAuthSignin', 'OAuthCallback', 'Callback', 'AccessDenied', 'Configuration', 'Default'])(
    '%s has its own words and a next step',
    (code) => {
      const result = signInErrorMessage(code)!;
      expect(result.code).toBe(code);
      expect(result.message).toMatch(/Try again|ask IT|Tell IT|tell IT/);
    },
  );

  it('says each failure differently', () => {
    const codes = ['OAuthSignin', 'OAuthCallback', 'Callback', 'AccessDenied', 'Configuration', 'Default'];
    expect(new Set(codes.map((c) => signInErrorMessage(c)!.message)).size).toBe(codes.length);
  });

  it('gives an unknown code the default words without echoing it', () => {
    expect(signInErrorMessage('Call +1 555 0100 now')).toEqual({ message: signInErrorMessage('Default')!.message, code: undefined });
    expect(signInErrorMessage('toString')!.code).toBeUndefined();
    expect(signInErrorMessage(undefined)).toBeUndefined();
  });
});
