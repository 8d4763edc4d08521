import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, parsePolicy, PolicyError, readPolicyFile } from './policy';

const ORG = { id: 'm-0123456789abcdef0123456789abcdef', alias: 'example', region: 'us-east-1' };
const valid = {
  organizations: [ORG],
  admins: { groups: ['it-admins'] },
  delegations: [{ groups: ['eng-leads'], organization: 'example', workmailGroups: ['engineering'] }],
  protectedWorkmailGroups: { example: ['executives'] },
};

const error = (doc: unknown) => {
  try {
    parsePolicy(doc, 'policy.json');
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return (err as Error).message;
  }
  throw new Error('expected a PolicyError');
};

describe('the access policy', () => {
  it('accepts the demo policy file', () => {
    const policy = readPolicyFile('config/access-policy.demo.json');
    expect(policy.organizations.map((o) => o.alias)).toEqual(['example', 'subsidiary']);
    expect(policy.delegations.map((d) => d.workmailGroups)).toEqual([['engineering'], ['sales']]);
    expect(policy.protectedGroups.get(ORG.id)).toEqual(['it-admins', 'executives']);
  });

  it('resolves organizations named by id or alias', () => {
    const policy = parsePolicy({ ...valid, delegations: [{ ...valid.delegations[0], organization: ORG.id }] }, 'p');
    expect(policy.delegations[0]!.organizationId).toBe(ORG.id);
  });

  it.each([
    ['an unknown organization in a delegation', { ...valid, delegations: [{ ...valid.delegations[0], organization: 'nowhere' }] }, '$.delegations[0].organization: unknown organization "nowhere" (known: example)'],
    ['an unknown organization in protected groups', { ...valid, protectedWorkmailGroups: { elsewhere: ['x'] } }, '$.protectedWorkmailGroups.elsewhere: unknown organization'],
    ['a bad organization id', { ...valid, organizations: [{ ...ORG, id: 'm-123' }] }, '$.organizations[0].id: must be a WorkMail organization id'],
    ['a region without WorkMail', { ...valid, organizations: [{ ...ORG, region: 'ap-south-1' }] }, '$.organizations[0].region'],
    ['no organizations', { ...valid, organizations: [] }, '$.organizations'],
    ['a delegation without WorkMail groups', { ...valid, delegations: [{ groups: ['x'], organization: 'example', workmailGroups: [] }] }, '$.delegations[0].workmailGroups'],
    ['a misspelt key', { ...valid, admin: { groups: [] } }, '$'],
    ['a duplicate alias', { ...valid, organizations: [ORG, { ...ORG, id: 'm-fedcba9876543210fedcba9876543210' }] }, '"example" is listed twice'],
  ])('refuses %s, naming the file and the JSON path', (_label, doc, expected) => {
    const message = error(doc);
    expect(message.startsWith('policy.json: ')).toBe(true);
    expect(message).toContain(expected);
  });

  it('names a missing file and broken JSON', () => {
    expect(() => readPolicyFile('/nonexistent/policy.json')).toThrow('/nonexistent/policy.json: cannot be read (ENOENT)');
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    writeFileSync(join(dir, 'p.json'), '{ "organizations": ');
    expect(() => readPolicyFile(join(dir, 'p.json'))).toThrow(/p\.json: \$: not valid JSON/);
  });

  it('picks up a changed file on the next load, and fails closed when it breaks', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.json');
    writeFileSync(file, JSON.stringify(valid));
    expect(loadPolicy(file).adminGroups.has('it-admins')).toBe(true);
    writeFileSync(file, JSON.stringify({ ...valid, admins: { groups: ['new-admins'] } }));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(loadPolicy(file).adminGroups.has('new-admins')).toBe(true);
    writeFileSync(file, '{');
    utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    expect(() => loadPolicy(file)).toThrow(PolicyError);
  });
});
