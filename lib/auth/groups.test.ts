import { describe, expect, it } from 'vitest';
import { displayName, groupsClaimStatus, hasGroupsOverage, readGroups, withUserinfo } from './groups';

describe('readGroups', () => {
  it('takes an array claim as it is, dropping non-strings, blanks and repeats', () => {
    expect(readGroups({ groups: ['a', 'Domain Admins', 3, '', 'a'] }, 'groups')).toEqual(['a', 'Domain Admins']);
  });

  it('splits a string claim on the separator only, never on spaces', () => {
    expect(readGroups({ groups: 'Domain Admins' }, 'groups')).toEqual(['Domain Admins']);
    expect(readGroups({ groups: 'it-admins, Domain Admins' }, 'groups')).toEqual(['it-admins', 'Domain Admins']);
    expect(readGroups({ 'cognito:groups': 'a;b c' }, 'cognito:groups', ';')).toEqual(['a', 'b c']);
  });

  it('reads nothing from a missing or odd claim', () => {
    expect(readGroups({}, 'groups')).toEqual([]);
    expect(readGroups({ groups: 42 }, 'groups')).toEqual([]);
    expect(readGroups({ groups: null }, 'groups')).toEqual([]);
  });
});

describe('groupsClaimStatus', () => {
  it('tells a present claim, even an empty one, from a missing one', () => {
    expect(groupsClaimStatus({ groups: [] }, 'groups')).toBe('present');
    expect(groupsClaimStatus({ groups: 'x' }, 'groups')).toBe('present');
    expect(groupsClaimStatus({ sub: 's' }, 'groups')).toBe('missing');
  });

  it("recognises Entra ID's groups overage in both of its forms", () => {
    const codeFlow = {
      _claim_names: { groups: 'src1' },
      _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/x/getMemberObjects' } },
    };
    expect(hasGroupsOverage(codeFlow, 'groups')).toBe(true);
    expect(groupsClaimStatus(codeFlow, 'groups')).toBe('overage');
    expect(groupsClaimStatus({ hasgroups: true }, 'groups')).toBe('overage');
    expect(groupsClaimStatus({ _claim_names: { roles: 'src1' } }, 'groups')).toBe('missing');
  });
});

describe('withUserinfo', () => {
  const warn = () => {};

  it('fills a missing groups claim (and absent email, name) from userinfo; the ID token wins elsewhere', async () => {
    const merged = await withUserinfo(
      { sub: 's1', name: 'From Token' },
      'groups',
      async () => ({ sub: 's1', name: 'Other', email: 'a@example.com', groups: ['g'] }),
      warn,
    );
    expect(merged).toEqual({ sub: 's1', name: 'From Token', email: 'a@example.com', groups: ['g'] });
  });

  it('does not call userinfo when the ID token has the claim', async () => {
    let called = false;
    const claims = { sub: 's1', groups: ['g'] };
    expect(await withUserinfo(claims, 'groups', async () => ((called = true), {}), warn)).toBe(claims);
    expect(called).toBe(false);
  });

  it('ignores userinfo about another subject, and a failing userinfo call', async () => {
    const warnings: string[] = [];
    const record = (m: string) => void warnings.push(m);
    expect(await withUserinfo({ sub: 's1' }, 'groups', async () => ({ sub: 'someone-else', groups: ['it-admins'] }), record)).toEqual({
      sub: 's1',
    });
    expect(await withUserinfo({ sub: 's1' }, 'groups', () => Promise.reject(new Error('HTTP 500')), record)).toEqual({ sub: 's1' });
    expect(warnings).toHaveLength(2);
  });
});

describe('displayName', () => {
  it('is the name, else the email, else the username, never the subject', () => {
    expect(displayName({ sub: 'PQapwoNmQK87', name: 'Alice', email: 'a@example.com' })).toBe('Alice');
    expect(displayName({ sub: 'PQapwoNmQK87', email: 'a@example.com', preferred_username: 'alice' })).toBe('a@example.com');
    expect(displayName({ sub: 'PQapwoNmQK87', preferred_username: 'alice' })).toBe('alice');
    expect(displayName({ sub: 'PQapwoNmQK87', name: '  ' })).toBeUndefined();
  });
});
