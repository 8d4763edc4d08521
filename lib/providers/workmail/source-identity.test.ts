import { describe, expect, it } from 'vitest';
import { roleSessionName, sessionTags, sourceIdentityFor, tagValue } from './source-identity';

const STS_PATTERN = /^[A-Za-z0-9_=,.@-]{2,64}$/;

describe('sourceIdentityFor', () => {
  it.each([
    [{ subject: 's1', email: 'alice@example.com' }, 'alice@example.com'],
    [{ subject: 'abc-123', email: '' }, 'abc-123'],
    [{ subject: 'abc-123' }, 'abc-123'],
    [{ subject: 's', email: 'ali+ce@exämple.com' }, 'ali_ce@ex_mple.com'],
    [{ subject: 'auth0|5f7c8ec7c33c6c004bbafe82' }, 'auth0_5f7c8ec7c33c6c004bbafe82'],
    [{ subject: 'Jane Doe' }, 'Jane_Doe'],
  ])('maps %o to %s', (operator, expected) => {
    expect(sourceIdentityFor(operator)).toBe(expected);
  });

  it('keeps long identities apart and within 64 characters', () => {
    const a = sourceIdentityFor({ subject: 'x', email: `${'a'.repeat(70)}@example.com` });
    const b = sourceIdentityFor({ subject: 'x', email: `${'a'.repeat(70)}@example.org` });
    expect(a).toHaveLength(64);
    expect(a).toMatch(STS_PATTERN);
    expect(a).not.toBe(b);
    expect(a.slice(0, 55)).toBe('a'.repeat(55));
  });

  it('gives a too-short identity a stable stand-in from the subject', () => {
    const one = sourceIdentityFor({ subject: 'x' });
    expect(one).toMatch(/^sub-[0-9a-f]{16}$/);
    expect(sourceIdentityFor({ subject: 'x' })).toBe(one);
    expect(sourceIdentityFor({ subject: 'y' })).not.toBe(one);
  });

  it('never starts with aws: (the colon cannot survive) and always matches the STS pattern', () => {
    for (const subject of ['aws:admin', 'AWS:x', ':', '', '😀😀😀', 'a'.repeat(500), 'aws_x']) {
      const value = sourceIdentityFor({ subject });
      expect(value).toMatch(STS_PATTERN);
      expect(value.toLowerCase().startsWith('aws:')).toBe(false);
    }
    expect(sourceIdentityFor({ subject: 'aws:admin' })).toBe('aws_admin');
  });
});

describe('role session name and tags', () => {
  it('names the session after the portal and the operator, within 64 characters', () => {
    expect(roleSessionName('alice@example.com')).toBe('portal-alice@example.com');
    expect(roleSessionName('a'.repeat(64))).toHaveLength(64);
    expect(roleSessionName('a'.repeat(64))).toMatch(/^[\w+=,.@-]{2,64}$/);
  });

  it('tags the operator, and the ticket only when given, in characters STS accepts', () => {
    expect(sessionTags({ subject: 's', email: 'alice@example.com' }, 'INC-42 <phone> "lost"')).toEqual([
      { Key: 'operator', Value: 'alice@example.com' },
      { Key: 'ticket', Value: 'INC-42 _phone_ _lost_' },
    ]);
    expect(sessionTags({ subject: 's' }, '   ')).toEqual([{ Key: 'operator', Value: 's' }]);
    expect(sessionTags({ subject: 's' }, undefined)).toHaveLength(1);
    expect(tagValue('x'.repeat(300))).toHaveLength(256);
    expect(tagValue('Ticket: ÄÖ/12+3=ok')).toBe('Ticket: ÄÖ/12+3=ok');
  });
});
