import { describe, expect, it } from 'vitest';
import { decryptToken, encryptToken, tokenKey } from './token-crypto';

const key = tokenKey('a-session-secret-of-at-least-32-characters');

describe('tokens at rest', () => {
  it('round-trips, and never holds the token in clear', () => {
    const sealed = encryptToken('eyJ.secret-access-token', key, 'row-1');
    expect(sealed).not.toContain('secret-access-token');
    expect(decryptToken(sealed, key, 'row-1')).toBe('eyJ.secret-access-token');
    expect(encryptToken('same', key, 'row-1')).not.toBe(encryptToken('same', key, 'row-1'));
  });

  it('refuses another secret, another row, a changed byte and garbage', () => {
    const sealed = encryptToken('token', key, 'row-1');
    expect(decryptToken(sealed, tokenKey('another-secret-of-at-least-32-characters'), 'row-1')).toBeUndefined();
    expect(decryptToken(sealed, key, 'row-2')).toBeUndefined();
    const raw = Buffer.from(sealed, 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(decryptToken(raw.toString('base64url'), key, 'row-1')).toBeUndefined();
    expect(decryptToken('short', key, 'row-1')).toBeUndefined();
  });
});
