import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decode } from './jwt-codec';
import { identityOf, joinSessionCookie } from './session-token';

const NAME = '__Host-next-auth.session-token';

describe("reading the session cookie as next-auth's getServerSession does", () => {
  it('takes the whole cookie, or its numbered chunks joined in order', () => {
    expect(joinSessionCookie([{ name: NAME, value: 'whole' }], NAME)).toBe('whole');
    const chunks = [
      { name: `${NAME}.2`, value: 'c' },
      { name: `${NAME}.0`, value: 'a' },
      { name: 'other', value: 'x' },
      { name: `${NAME}.10`, value: 'd' },
      { name: `${NAME}.1`, value: 'b' },
    ];
    expect(joinSessionCookie(chunks, NAME)).toBe('abcd');
    expect(joinSessionCookie([{ name: 'other', value: 'x' }], NAME)).toBeUndefined();
  });

  it('ignores cookies that only resemble the name (an unprefixed one a sibling subdomain could set)', () => {
    const look = [
      { name: 'next-auth.session-token', value: 'unprefixed' },
      { name: `${NAME}x`, value: 'suffixed' },
      { name: `${NAME}.x`, value: 'not-a-chunk' },
    ];
    expect(joinSessionCookie(look, NAME)).toBeUndefined();
  });

  it('maps a token next-auth sealed to the identity its session callback gives', async () => {
    const secret = 'a-test-secret-of-enough-length-0123456789';
    const sealed = await encode({
      secret,
      token: {
        sub: 's1',
        email: 'a@example.com',
        name: 'Alice',
        groups: ['it-admins'],
        authTime: 100,
        reauthAt: 90,
        sid: 'sid-1',
        username: 'alice',
      },
    });
    expect(identityOf((await decode({ token: sealed, secret }))!)).toEqual({
      subject: 's1',
      email: 'a@example.com',
      username: 'alice',
      name: 'Alice',
      groups: ['it-admins'],
      groupsClaim: 'present',
      authTime: 100,
      reauthAt: 90,
      sessionId: 'sid-1',
    });
  });
});
