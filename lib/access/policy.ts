/**
 * The access policy file (DESIGN.md §3): which organizations the portal serves, which identity
 * provider groups are admins, which lead which WorkMail groups, and which WorkMail groups are
 * protected. Validated on load; an error names the file, the JSON path and the problem.
 */
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';

const ORGANIZATION_ID = /^m-[0-9a-f]{32}$/;
const names = z.array(z.string().trim().min(1)).min(1);

const policySchema = z
  .object({
    organizations: z
      .array(
        z
          .object({
            id: z.string().regex(ORGANIZATION_ID, 'must be a WorkMail organization id (m- and 32 hex digits)'),
            alias: z.string().regex(/^[a-z0-9][a-z0-9-]{0,61}$/i, 'must be letters, digits and dashes'),
            region: z.enum(['us-east-1', 'us-west-2', 'eu-west-1']),
          })
          .strict(),
      )
      .min(1),
    admins: z.object({ groups: z.array(z.string().trim().min(1)) }).strict(),
    delegations: z
      .array(z.object({ groups: names, organization: z.string().min(1), workmailGroups: names }).strict())
      .default([]),
    protectedWorkmailGroups: z.record(z.string(), z.array(z.string().trim().min(1))).default({}),
  })
  .strict();

export interface PolicyOrganization {
  id: string;
  alias: string;
  region: string;
}

export interface Policy {
  organizations: readonly PolicyOrganization[];
  adminGroups: ReadonlySet<string>;
  delegations: ReadonlyArray<{ groups: ReadonlySet<string>; organizationId: string; workmailGroups: readonly string[] }>;
  /** Protected WorkMail group names by organization id. */
  protectedGroups: ReadonlyMap<string, readonly string[]>;
}

export class PolicyError extends Error {}

const jsonPath = (path: PropertyKey[]) =>
  `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;

/** Validates a parsed policy document; `source` names it in errors. */
export function parsePolicy(document: unknown, source: string): Policy {
  const result = policySchema.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new PolicyError(`${source}: ${jsonPath(issue.path)}: ${issue.message}`);
  }
  const doc = result.data;
  const byKey = new Map<string, PolicyOrganization>();
  for (const [i, org] of doc.organizations.entries()) {
    for (const key of [org.id, org.alias]) {
      if (byKey.has(key)) throw new PolicyError(`${source}: $.organizations[${i}]: "${key}" is listed twice`);
      byKey.set(key, org);
    }
  }
  const known = doc.organizations.map((o) => o.alias).join(', ');
  const resolve = (key: string, path: string) => {
    const org = byKey.get(key);
    if (!org) throw new PolicyError(`${source}: ${path}: unknown organization "${key}" (known: ${known})`);
    return org.id;
  };
  return {
    organizations: doc.organizations,
    adminGroups: new Set(doc.admins.groups),
    delegations: doc.delegations.map((d, i) => ({
      groups: new Set(d.groups),
      organizationId: resolve(d.organization, `$.delegations[${i}].organization`),
      workmailGroups: d.workmailGroups,
    })),
    protectedGroups: new Map(
      Object.entries(doc.protectedWorkmailGroups).map(([key, groups]) => [
        resolve(key, `$.protectedWorkmailGroups.${key}`),
        groups,
      ]),
    ),
  };
}

export function readPolicyFile(file: string): Policy {
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
  return parsePolicy(document, file);
}

let current: { file: string; mtimeMs: number; size: number; policy: Policy } | undefined;

/**
 * The current policy, re-read when the file changes, so a change takes effect on the next request
 * without anyone signing out. A file that became invalid throws: access fails closed.
 */
export function loadPolicy(file: string): Policy {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new PolicyError(`${file}: cannot be read (missing)`);
  }
  if (current && current.file === file && current.mtimeMs === stat.mtimeMs && current.size === stat.size) return current.policy;
  const policy = readPolicyFile(file);
  current = { file, mtimeMs: stat.mtimeMs, size: stat.size, policy };
  return policy;
}
