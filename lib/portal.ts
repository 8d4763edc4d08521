import 'server-only';
/**
 * The composition root (docs/architecture.md): the one file that names the directory providers.
 * Everything else asks it for "the directory", an organization's words or its password rules,
 * and never learns which provider answers. A new provider is one folder under lib/providers and
 * one line in PROVIDERS; a unit test (lib/portal.test.ts) keeps every other file from importing one.
 */
import { loadPolicy, PolicyError, readPolicyFile, type Policy, type PolicyOrganization } from './access/policy';
import { config } from './config';
import { DirectoryError } from './directory/errors';
import type { DirectoryProvider, ProviderCapabilities, ProviderWording } from './directory/provider';
import type { Directory } from './directory/types';
import type { PasswordPolicy } from './password/policy';
import { activeDirectoryProvider, ldapProvider } from './providers/ldap/provider';
import { upgradeFirstReleasePolicy } from './providers/workmail/first-release-policy';
import { workmailProvider } from './providers/workmail/provider';

const PROVIDERS: ReadonlyMap<string, DirectoryProvider> = new Map<string, DirectoryProvider>([
  [workmailProvider.id, workmailProvider],
  [activeDirectoryProvider.id, activeDirectoryProvider],
  [ldapProvider.id, ldapProvider],
]);

/** The policy's organizations wired to their providers: validated once per policy version. */
interface Wiring {
  providerOf: Map<string, DirectoryProvider>;
  /** Each organization's validated settings, for what they change in its provider's capabilities. */
  settingsOf: Map<string, unknown>;
  directoryOf: Map<string, Directory>;
}

const wirings = new WeakMap<Policy, Wiring>();
/** Each provider's directory for its organizations as last read, by provider id. */
const connected = new Map<string, { key: string; directory: Directory }>();
/** A replaced directory is closed this long after, so the requests it is serving can finish. */
const CLOSE_REPLACED_MS = 60_000;

/** Validates every organization's settings with its provider's schema; an error names the JSON path. */
export function checkPolicy(policy: Policy, source: string): void {
  wire(policy, source);
}

function wire(policy: Policy, source: string): Wiring {
  let wiring = wirings.get(policy);
  if (wiring) return wiring;
  const grouped = new Map<DirectoryProvider, Map<string, unknown>>();
  const providerOf = new Map<string, DirectoryProvider>();
  const settingsOf = new Map<string, unknown>();
  policy.organizations.forEach((org: PolicyOrganization, i) => {
    const provider = PROVIDERS.get(org.provider);
    if (!provider) {
      throw new PolicyError(
        `${source}: $.organizations[${i}].provider: unknown provider "${org.provider}" (known: ${[...PROVIDERS.keys()].join(', ')})`,
      );
    }
    const parsed = provider.settings.safeParse(org.settings);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      throw new PolicyError(`${source}: $.organizations[${i}]${path}: ${issue.message}`);
    }
    providerOf.set(org.id, provider);
    settingsOf.set(org.id, parsed.data);
    if (!grouped.has(provider)) grouped.set(provider, new Map());
    grouped.get(provider)!.set(org.id, parsed.data);
  });
  const directoryOf = new Map<string, Directory>();
  for (const [provider, organizations] of grouped) {
    // An edit elsewhere in the file keeps each provider's directory (and its connections) when
    // that provider's organizations read the same as before.
    const key = JSON.stringify([...organizations]);
    let current = connected.get(provider.id);
    if (current?.key !== key) {
      const replaced = current?.directory;
      if (replaced?.close) setTimeout(() => void replaced.close!().catch(() => {}), CLOSE_REPLACED_MS).unref();
      current = { key, directory: provider.connect(organizations) };
      connected.set(provider.id, current);
    }
    for (const id of organizations.keys()) directoryOf.set(id, current.directory);
  }
  wiring = { providerOf, settingsOf, directoryOf };
  wirings.set(policy, wiring);
  return wiring;
}

/**
 * The access policy in `file` (by default ACCESS_POLICY_FILE), re-read when it changes, its
 * organizations checked against their providers. Files in the first release's format, written
 * when WorkMail was the only directory, are read as today's (lib/providers/workmail/first-release-policy.ts).
 */
export function portalPolicy(file = config().accessPolicyFile): Policy {
  const policy = loadPolicy(file, upgradeFirstReleasePolicy);
  wire(policy, file);
  return policy;
}

/** The same, read afresh from `file` (the command-line tools). */
export function readPortalPolicy(file: string): Policy {
  const policy = readPolicyFile(file, upgradeFirstReleasePolicy);
  wire(policy, file);
  return policy;
}

function current(): Wiring {
  const file = config().accessPolicyFile;
  return wire(loadPolicy(file, upgradeFirstReleasePolicy), file);
}

/** The provider serving an organization; an unknown organization has none. */
function providerOf(organizationId: string): DirectoryProvider | undefined {
  return current().providerOf.get(organizationId);
}

/**
 * The portal's directory: each call goes to the directory of its organization's provider. An
 * organization the policy does not name has none (callers check access first): not-found.
 */
class RoutedDirectory implements Directory {
  private of(organizationId: string): Directory {
    const target = current().directoryOf.get(organizationId);
    if (!target) throw new DirectoryError('organization-not-found', undefined, 'not-in-access-policy');
    return target;
  }
  listPeople: Directory['listPeople'] = async (o, options) => this.of(o).listPeople(o, options);
  allPeople: Directory['allPeople'] = async (o, progress) => this.of(o).allPeople(o, progress);
  findByPrefix: Directory['findByPrefix'] = async (o, query, fields) => this.of(o).findByPrefix(o, query, fields);
  getPerson: Directory['getPerson'] = async (o, identifier) => this.of(o).getPerson(o, identifier);
  aliasesOf: Directory['aliasesOf'] = async (o, personId) => this.of(o).aliasesOf(o, personId);
  groupsOf: Directory['groupsOf'] = async (o, personId) => this.of(o).groupsOf(o, personId);
  membersOf: Directory['membersOf'] = async (o, groupName) => this.of(o).membersOf(o, groupName);
  resetPassword: Directory['resetPassword'] = async (o, personId, password, options) =>
    this.of(o).resetPassword(o, personId, password, options);
}

const routed = new RoutedDirectory();

export function directory(): Directory {
  return routed;
}

/** Neutral words for an organization the policy no longer names (its events can outlive it). */
const FALLBACK_PROVIDER = PROVIDERS.get('workmail')!;

/** The words an organization's provider uses for its failures, refusals and request ids. */
export function wordingFor(organizationId: string): ProviderWording {
  return (providerOf(organizationId) ?? FALLBACK_PROVIDER).wording;
}

export function capabilitiesOf(organizationId: string): ProviderCapabilities {
  const provider = providerOf(organizationId) ?? FALLBACK_PROVIDER;
  const settings = current().settingsOf.get(organizationId);
  if (!provider.organizationCapabilities || settings === undefined) return provider.capabilities;
  return { ...provider.capabilities, ...provider.organizationCapabilities(settings) };
}

/** The password rules for a person of this organization: the portal's settings within the directory's limits. */
export function passwordPolicyFor(organizationId: string): PasswordPolicy {
  const provider = providerOf(organizationId) ?? FALLBACK_PROVIDER;
  return { ...config().password, ...provider.passwordLimits, directoryName: provider.wording.name };
}
