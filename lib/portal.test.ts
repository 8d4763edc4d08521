/**
 * The composition root: organizations are checked against their provider's own schema, and no
 * other file of the portal may import a provider (docs/architecture.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy, PolicyError } from './access/policy';
import { checkPolicy, portalPolicy } from './portal';
import { EXAMPLE_ORG_ID } from '../emulators/workmail/seed';

const ORG = { id: EXAMPLE_ORG_ID, alias: 'example', provider: 'workmail', region: 'us-east-1' };
const AD_SETTINGS = {
  url: 'ldaps://dc1.example.com',
  bindDN: 'CN=svc-portal,OU=Service,DC=example,DC=com',
  bindPasswordEnv: 'PORTAL_LDAP_PASSWORD',
  caFile: '/etc/portal/ad-ca.pem',
  peopleBaseDN: 'OU=People,DC=example,DC=com',
};
const doc = (org: Record<string, unknown>) => ({ organizations: [org], admins: { groups: ['it-admins'] } });
const problem = (org: Record<string, unknown>) => {
  try {
    checkPolicy(parsePolicy(doc(org), 'policy.json'), 'policy.json');
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return (err as Error).message;
  }
  throw new Error('expected a PolicyError');
};

describe('the composition root', () => {
  it('accepts an Active Directory organization beside a WorkMail one', () => {
    const policy = parsePolicy(
      { ...doc(ORG), organizations: [ORG, { id: 'corp-ad', alias: 'corp', provider: 'active-directory', ...AD_SETTINGS }] },
      'p',
    );
    expect(() => checkPolicy(policy, 'p')).not.toThrow();
  });

  it('accepts a WorkMail organization, in the old format too', () => {
    expect(() => checkPolicy(parsePolicy(doc(ORG), 'p'), 'p')).not.toThrow();
    const demo = portalPolicy('config/access-policy.demo.json');
    expect(demo.organizations.map((o) => o.provider)).toEqual(['workmail', 'workmail']);
    expect(demo.deprecations).toEqual([
      '$.organizations[0] names no "provider": read as "workmail"',
      '$.organizations[1] names no "provider": read as "workmail"',
      '$.delegations[*].workmailGroups is now "directoryGroups"',
      '$.protectedWorkmailGroups is now "protectedGroups"',
    ]);
  });

  it.each([
    ['a bad organization id', { ...ORG, id: 'm-123' }, 'policy.json: $.organizations[0].id: must be a WorkMail organization id'],
    ['a region without WorkMail', { ...ORG, region: 'ap-south-1' }, 'policy.json: $.organizations[0].region'],
    ['a key WorkMail does not know', { ...ORG, baseDn: 'dc=example' }, 'policy.json: $.organizations[0]'],
    [
      'an unknown provider',
      { ...ORG, provider: 'exchange' },
      'policy.json: $.organizations[0].provider: unknown provider "exchange" (known: workmail, active-directory, ldap)',
    ],
    [
      'an Active Directory organization that names another flavour',
      { id: 'corp-ad', alias: 'corp', provider: 'active-directory', ...AD_SETTINGS, flavour: 'ldap' },
      'policy.json: $.organizations[0].flavour: leave "flavour" out',
    ],
    [
      'an Active Directory organization whose service account would bind in clear',
      { id: 'corp-ad', alias: 'corp', provider: 'active-directory', ...AD_SETTINGS, url: 'ldap://dc1.example.com', caFile: undefined },
      'policy.json: $.organizations[0]',
    ],
  ])('refuses %s, naming the file and the JSON path', (_label, org, expected) => {
    expect(problem(org)).toContain(expected);
  });
});

describe('the directory boundary', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);

  it('lets only lib/portal.ts import a provider', () => {
    const offenders = ['lib', 'app', 'components']
      .flatMap(sources)
      .filter((file) => !file.startsWith(join('lib', 'providers')) && file !== join('lib', 'portal.ts'))
      .filter((file) => importsOf(file).some((spec) => /^(\.{1,2}\/|@\/)(.*\/)?providers\//.test(spec)));
    expect(offenders).toEqual([]);
  });

  it('keeps the port free of the rest of lib/', () => {
    const offenders = sources(join('lib', 'directory')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.') && !spec.startsWith('./'))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps providers from importing the application above them', () => {
    const offenders = sources(join('lib', 'providers')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^(\.\.\/)+(access|auth|audit|people|reset|sessions|portal)\b/.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the secrets-holding modules out of the browser bundle', () => {
    // `server-only` makes a client import of these a build error rather than a leak.
    for (const file of ['lib/config.ts', 'lib/portal.ts', 'lib/providers/workmail/provider.ts', 'lib/providers/ldap/provider.ts']) {
      expect(importsOf(file), file).toContain('server-only');
    }
  });

  it('names no vendor above the providers: only the root (which names them) and the product’s own name', () => {
    const named = sources('lib')
      .filter((file) => !file.startsWith(join('lib', 'providers')))
      .filter((file) => /workmail|aws|identity center/i.test(readFileSync(file, 'utf8')));
    expect(named.sort()).toEqual([join('lib', 'portal.ts'), join('lib', 'product.ts')]);
  });
});
