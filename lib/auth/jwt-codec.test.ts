import { decode as nextAuthDecode, encode as nextAuthEncode } from 'next-auth/jwt';
import { EncryptJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { decode, derivedKey, encode } from './jwt-codec';

const secret = 'a-test-secret-of-enough-length-0123456789';
const token = { sub: 'alice-sub', sid: 'session-1', name: 'Alice' };

describe('the session JWT codec', () => {
  it("reads next-auth's own tokens and writes tokens next-auth reads (cookies survive the switch)", async () => {
    expect(await decode({ token: await nextAuthEncode({ token, secret }), secret })).toMatchObject(token);
    expect(await nextAuthDecode({ token: await encode({ token, secret }), secret })).toMatchObject(token);
    // Tokens sealed with a salt (next-auth's other cookies) too.
    expect(await nextAuthDecode({ token: await encode({ token, secret, salt: 's' }), secret, salt: 's' })).toMatchObject(token);
  });

  it('derives the key once per secret, not once per request', async () => {
    const first = derivedKey(secret);
    expect(derivedKey(secret)).toBe(first);
    expect(derivedKey(secret, 'other-salt')).not.toBe(first);
    expect(derivedKey(`${secret}x`)).not.toBe(first);
  });

  it('still refuses a token sealed with another secret, tampered with, or expired', async () => {
    const sealed = await encode({ token, secret });
    await expect(decode({ token: sealed, secret: `${secret}x` })).rejects.toThrow();
    const parts = sealed.split('.');
    parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(decode({ token: parts.join('.'), secret })).rejects.toThrow();
    // Expired a minute ago: beyond next-auth's 15 s of tolerated clock skew.
    await expect(decode({ token: await encode({ token, secret, maxAge: -60 }), secret })).rejects.toThrow();
    expect(await decode({ token: undefined, secret })).toBeNull();
  });

  it('refuses a token sealed under the same key with another algorithm than dir + A256GCM', async () => {
    const key = await derivedKey(secret);
    const exp = Math.floor(Date.now() / 1000) + 600;
    const wrapped = await new EncryptJWT(token).setProtectedHeader({ alg: 'A256KW', enc: 'A256GCM' }).setExpirationTime(exp).encrypt(key);
    await expect(decode({ token: wrapped, secret })).rejects.toThrow();
    const otherEnc = await new EncryptJWT(token)
      .setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512' })
      .setExpirationTime(exp)
      .encrypt(new Uint8Array(64));
    await expect(decode({ token: otherEnc, secret })).rejects.toThrow();
  });
});
