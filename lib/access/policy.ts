/**
 * The access policy file (docs/access-rules.md): which organizations the portal serves and through
 * which directory provider, which identity provider groups are admins, which lead which directory
 * groups, and which directory groups are protected. Validated on load; an error names the file,
 * the JSON path and the problem. Each organization's provider settings are validated by the
 * provider's own schema in the composition root (lib/portal.ts), which this file does not know;
 * the root also passes the `upgrade` that reads older formats of the file as today's.
 */
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { ORGANIZATION_ID } from './organization-id';

const names = z.array(z.string().trim().min(1)).min(1);
const groupLists = z.record(z.string(), z.array(z.string().trim().min(1)));

const policySchema = z
  .object({
    organizations: z
      .array(
        z
          .object({
            id: z.string().regex(ORGANIZATION_ID, 'must be letters, digits, dots, dashes and underscores'),
            alias: z.string().regex(/^[a-z0-9][a-z0-9-]{0,61}$/i, 'must be letters, digits and dashes'),
            provider: z
              .string({ error: 'must name the directory provider that serves it' })
              .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must name a directory provider'),
          })
          // The provider's own keys pass through to its schema (lib/portal.ts).
          .catchall(z.unknown()),
      )
      .min(1),
    admins: z.object({ groups: z.array(z.string().trim().min(1)) }).strict(),
    delegations: z.array(z.object({ groups: names, organization: z.string().min(1), directoryGroups: names }).strict()).default([]),
    protectedGroups: groupLists.default({}),
  })
  .strict();

/** Reads an older format of the file as today's, naming each old spelling it met. */
export type PolicyUpgrade = (document: unknown) => { document: unknown; deprecations: string[] };
const asIs: PolicyUpgrade = (document) => ({ document, deprecations: [] });

export interface PolicyOrganization {
  id: string;
  alias: string;
  /** The directory provider serving it (lib/portal.ts names them). */
  provider: string;
  /** The organization's keys for its provider, its id included; the provider validates them. */
  settings: Readonly<Record<string, unknown>>;
}

export interface Policy {
  organizations: readonly PolicyOrganization[];
  adminGroups: ReadonlySet<string>;
  delegations: ReadonlyArray<{ groups: ReadonlySet<string>; organizationId: string; directoryGroups: readonly string[] }>;
  /** Protected directory group names by organization id. */
  protectedGroups: ReadonlyMap<string, readonly string[]>;
  /** Old spellings this file still uses, one line each, logged at start. */
  deprecations: readonly string[];
}

export class PolicyError extends Error {}

const jsonPath = (path: PropertyKey[]) => `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;

/** Validates a parsed policy document; `source` names it in errors. */
export function parsePolicy(original: unknown, source: string, upgrade: PolicyUpgrade = asIs): Policy {
  const { document, deprecations } = upgrade(original);
  const result = policySchema.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new PolicyError(`${source}: ${jsonPath(issue.path)}: ${issue.message}`);
  }
  const doc = result.data;
  const organizations: PolicyOrganization[] = doc.organizations.map(({ alias, provider, ...settings }) => ({
    id: settings.id,
    alias,
    provider,
    settings,
  }));
  const byKey = new Map<string, PolicyOrganization>();
  for (const [i, org] of organizations.entries()) {
    for (const key of [org.id, org.alias]) {
      if (byKey.has(key)) throw new PolicyError(`${source}: $.organizations[${i}]: "${key}" is listed twice`);
      byKey.set(key, org);
    }
  }
  const known = organizations.map((o) => o.alias).join(', ');
  const resolve = (key: string, path: string) => {
    const org = byKey.get(key);
    if (!org) throw new PolicyError(`${source}: ${path}: unknown organization "${key}" (known: ${known})`);
    return org.id;
  };
  return {
    organizations,
    adminGroups: new Set(doc.admins.groups),
    delegations: doc.delegations.map((d, i) => ({
      groups: new Set(d.groups),
      organizationId: resolve(d.organization, `$.delegations[${i}].organization`),
      directoryGroups: d.directoryGroups,
    })),
    protectedGroups: new Map(
      Object.entries(doc.protectedGroups).map(([key, groups]) => [resolve(key, `$.protectedGroups.${key}`), groups]),
    ),
    deprecations,
  };
}

export function readPolicyFile(file: string, upgrade: PolicyUpgrade = asIs): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PolicyError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (err) {
    throw new PolicyError(`${file}: $: not valid JSON (${(err as Error).message})`);
  }
  return parsePolicy(document, file, upgrade);
}

let current: { file: string; upgrade: PolicyUpgrade; mtimeMs: number; size: number; policy: Policy } | undefined;

/**
 * The current policy, re-read when the file changes, so a change takes effect on the next request
 * without anyone signing out. A file that became invalid throws: access fails closed.
 */
export function loadPolicy(file: string, upgrade: PolicyUpgrade = asIs): Policy {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new PolicyError(`${file}: cannot be read (missing)`);
  }
  if (current && current.file === file && current.upgrade === upgrade && current.mtimeMs === stat.mtimeMs && current.size === stat.size) {
    return current.policy;
  }
  const policy = readPolicyFile(file, upgrade);
  current = { file, upgrade, mtimeMs: stat.mtimeMs, size: stat.size, policy };
  return policy;
}
