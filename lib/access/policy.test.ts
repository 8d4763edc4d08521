import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { upgradeFirstReleasePolicy } from '../providers/workmail/first-release-policy';
import { loadPolicy, parsePolicy, PolicyError, readPolicyFile } from './policy';
import { EXAMPLE_ORG_ID, SUBSIDIARY_ORG_ID } from '../../emulators/workmail/seed';

const ORG = { id: EXAMPLE_ORG_ID, alias: 'example', provider: 'workmail', region: 'us-east-1' };
const valid = {
  organizations: [ORG],
  admins: { groups: ['it-admins'] },
  delegations: [{ groups: ['eng-leads'], organization: 'example', directoryGroups: ['engineering'] }],
  protectedGroups: { example: ['executives'] },
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
    const policy = readPolicyFile('config/access-policy.demo.json', upgradeFirstReleasePolicy);
    expect(policy.organizations.map((o) => o.alias)).toEqual(['example', 'subsidiary']);
    expect(policy.delegations.map((d) => d.directoryGroups)).toEqual([['engineering'], ['sales']]);
    expect(policy.protectedGroups.get(ORG.id)).toEqual(['it-admins', 'executives']);
  });

  it('resolves organizations named by id or alias', () => {
    const policy = parsePolicy({ ...valid, delegations: [{ ...valid.delegations[0], organization: ORG.id }] }, 'p');
    expect(policy.delegations[0]!.organizationId).toBe(ORG.id);
  });

  it.each([
    [
      'an unknown organization in a delegation',
      { ...valid, delegations: [{ ...valid.delegations[0], organization: 'nowhere' }] },
      '$.delegations[0].organization: unknown organization "nowhere" (known: example)',
    ],
    [
      'an unknown organization in protected groups',
      { ...valid, protectedGroups: { elsewhere: ['x'] } },
      '$.protectedGroups.elsewhere: unknown organization',
    ],
    [
      'an organization id unfit for a URL',
      { ...valid, organizations: [{ ...ORG, id: '../m-1' }] },
      '$.organizations[0].id: must be letters',
    ],
    ['no organizations', { ...valid, organizations: [] }, '$.organizations'],
    [
      'a delegation without directory groups',
      { ...valid, delegations: [{ groups: ['x'], organization: 'example', directoryGroups: [] }] },
      '$.delegations[0].directoryGroups',
    ],
    ['a misspelt key', { ...valid, admin: { groups: [] } }, '$'],
    ['a duplicate alias', { ...valid, organizations: [ORG, { ...ORG, id: SUBSIDIARY_ORG_ID }] }, '"example" is listed twice'],
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

describe('the first release’s format (docs/access-rules.md)', () => {
  const firstOrg: Record<string, unknown> = { ...ORG };
  delete firstOrg.provider;
  const first = {
    organizations: [firstOrg],
    admins: { groups: ['it-admins'] },
    delegations: [{ groups: ['eng-leads'], organization: 'example', workmailGroups: ['engineering'] }],
    protectedWorkmailGroups: { example: ['executives'] },
  };

  it('is read as the same policy, with one line for each old spelling', () => {
    const old = parsePolicy(first, 'p', upgradeFirstReleasePolicy);
    const now = parsePolicy(valid, 'p', upgradeFirstReleasePolicy);
    expect(old.organizations).toEqual(now.organizations);
    expect(old.organizations[0]).toEqual({
      id: ORG.id,
      alias: 'example',
      provider: 'workmail',
      settings: { id: ORG.id, region: 'us-east-1' },
    });
    expect(old.delegations).toEqual(now.delegations);
    expect(old.protectedGroups).toEqual(now.protectedGroups);
    expect(now.deprecations).toEqual([]);
    expect(old.deprecations).toEqual([
      '$.organizations[0] names no "provider": read as "workmail"',
      '$.delegations[*].workmailGroups is now "directoryGroups"',
      '$.protectedWorkmailGroups is now "protectedGroups"',
    ]);
  });

  it('is refused without the upgrade, naming what is missing', () => {
    expect(error(first)).toContain('$.organizations[0].provider: must name the directory provider that serves it');
  });

  it.each([
    [
      'both spellings of the delegated groups',
      { ...valid, delegations: [{ ...valid.delegations[0], workmailGroups: ['sales'] }] },
      '$.delegations[0]',
    ],
    ['both spellings of the protected groups', { ...valid, protectedWorkmailGroups: { example: ['x'] } }, '$'],
  ])('refuses %s', (_label, doc, expected) => {
    try {
      parsePolicy(doc, 'policy.json', upgradeFirstReleasePolicy);
    } catch (err) {
      expect(err).toBeInstanceOf(PolicyError);
      expect((err as Error).message).toContain(expected);
      return;
    }
    throw new Error('expected a PolicyError');
  });
});
