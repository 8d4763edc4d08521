/**
 * The operator's groups from the identity provider's claims (docs/identity-providers.md): an array
 * as it is, a single string split on OIDC_GROUPS_SEPARATOR (never on spaces: `Domain Admins` is
 * one group), from userinfo when the ID token has none, and Entra ID's "groups overage" told apart
 * from a claim that is simply missing, so the no-access page can say which.
 */

/** Why there are no groups to read, when there are none: the no-access page explains each. */
export type GroupsClaimStatus = 'present' | 'missing' | 'overage';

type Claims = Record<string, unknown>;

export function readGroups(claims: Claims, claim: string, separator = ','): string[] {
  const value = claims[claim];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(separator) : [];
  return [
    ...new Set(
      list
        .filter((g): g is string => typeof g === 'string')
        .map((g) => g.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Entra ID leaves the groups out when a user has more than its token limit (200 in a JWT) and
 * points to Microsoft Graph instead: `_claim_names.groups` (code flow) or `hasgroups: true`
 * (implicit flow). Microsoft identity platform, "Group overages" in "Configure group claims".
 */
export function hasGroupsOverage(claims: Claims, claim: string): boolean {
  const names = claims._claim_names;
  const distributed = typeof names === 'object' && names !== null && claim in names;
  return distributed || claims.hasgroups === true || claims.hasgroups === 'true';
}

export function groupsClaimStatus(claims: Claims, claim: string): GroupsClaimStatus {
  if (claims[claim] !== undefined && claims[claim] !== null) return 'present';
  return hasGroupsOverage(claims, claim) ? 'overage' : 'missing';
}

/**
 * The ID token's claims, completed from userinfo when the groups claim is missing from the token
 * (many providers put groups, and sometimes email and name, only there). The ID token wins where
 * both hold a claim; a failing userinfo call leaves the ID token's claims as they are.
 */
export async function withUserinfo(
  idClaims: Claims,
  claim: string,
  userinfo: (() => Promise<Claims>) | undefined,
  warn: (message: string, err: unknown) => void,
): Promise<Claims> {
  if (groupsClaimStatus(idClaims, claim) !== 'missing' || !userinfo) return idClaims;
  try {
    const extra = await userinfo();
    // OpenID Connect Core 5.3.2: userinfo about anyone but the ID token's subject must not be used.
    if (extra.sub !== idClaims.sub) throw new Error('userinfo names another subject than the ID token');
    return { ...extra, ...idClaims, ...(extra[claim] !== undefined ? { [claim]: extra[claim] } : {}) };
  } catch (err) {
    warn('userinfo could not be read; using the ID token claims alone', err);
    return idClaims;
  }
}

/** A name to show: the name, else the email, else the username; never the opaque subject. */
export function displayName(claims: Claims): string | undefined {
  for (const key of ['name', 'email', 'preferred_username'] as const) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}
