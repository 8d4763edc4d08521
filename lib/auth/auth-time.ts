/**
 * When the operator signed in, in seconds since the epoch: the session's age (and so its
 * SESSION_MAX_AGE_HOURS lifetime, docs/configuration.md) is counted from it.
 *
 * The provider's `auth_time` (OpenID Connect Core 2: when the user actually authenticated) is
 * used when it is plausible: a number above 0 (Glewlwyd sends 0), not in the future, not after
 * the token was issued (`iat`), and not older than the longest session the portal allows (a stale
 * single-sign-on session would otherwise give a session that has already expired, and every
 * sign-in would loop back to the sign-in page). Otherwise the portal's own time of sign-in.
 */
const CLOCK_SKEW_SECONDS = 60;

export function signInTime(
  claims: Record<string, unknown>,
  nowSeconds: number,
  maxAgeSeconds: number,
): { authTime: number; source: 'provider' | 'portal' } {
  const now = Math.floor(nowSeconds);
  const authTime = claims.auth_time;
  const iat = typeof claims.iat === 'number' && Number.isFinite(claims.iat) ? claims.iat : now;
  const plausible =
    typeof authTime === 'number' &&
    Number.isFinite(authTime) &&
    authTime > 0 &&
    authTime <= now + CLOCK_SKEW_SECONDS &&
    authTime <= iat + CLOCK_SKEW_SECONDS &&
    authTime >= now - maxAgeSeconds;
  // Clamped to now: a slightly fast IdP clock must not give a session that starts in the future.
  return plausible ? { authTime: Math.min(Math.floor(authTime), now), source: 'provider' } : { authTime: now, source: 'portal' };
}
