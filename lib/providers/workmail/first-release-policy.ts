/**
 * The access policy as the first release wrote it, when WorkMail was the only directory: no
 * `provider`, `workmailGroups` in delegations, `protectedWorkmailGroups` at the top. Read as the
 * same policy in today's words (docs/access-rules.md), with one line for each old spelling, so
 * files written then keep working. A file that mixes both spellings is left as it is, and the
 * policy's own schema names the key that does not belong.
 */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function upgradeFirstReleasePolicy(document: unknown): { document: unknown; deprecations: string[] } {
  if (!isObject(document)) return { document, deprecations: [] };
  const deprecations: string[] = [];
  const upgraded: Json = { ...document };
  if (Array.isArray(document.organizations)) {
    upgraded.organizations = document.organizations.map((org: unknown, i) => {
      if (!isObject(org) || 'provider' in org) return org;
      deprecations.push(`$.organizations[${i}] names no "provider": read as "workmail"`);
      return { ...org, provider: 'workmail' };
    });
  }
  if (Array.isArray(document.delegations)) {
    let renamed = false;
    upgraded.delegations = document.delegations.map((delegation: unknown) => {
      if (!isObject(delegation) || !('workmailGroups' in delegation) || 'directoryGroups' in delegation) return delegation;
      renamed = true;
      const { workmailGroups, ...rest } = delegation;
      return { ...rest, directoryGroups: workmailGroups };
    });
    if (renamed) deprecations.push('$.delegations[*].workmailGroups is now "directoryGroups"');
  }
  if ('protectedWorkmailGroups' in document && !('protectedGroups' in document)) {
    upgraded.protectedGroups = upgraded.protectedWorkmailGroups;
    delete upgraded.protectedWorkmailGroups;
    deprecations.push('$.protectedWorkmailGroups is now "protectedGroups"');
  }
  return { document: upgraded, deprecations };
}
