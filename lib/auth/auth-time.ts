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

/**
 * When the operator last proved who they are to the identity provider, for step-up only
 * (lib/auth/step-up.ts): the provider's `auth_time` as it is, when it is a number above 0 and not
 * in the future (beyond a minute of clock skew). No lower bound and no fallback to the portal's
 * clock: an old single-sign-on session, or a provider that sends no usable `auth_time` (Glewlwyd
 * sends 0), gives 0, which step-up treats as stale. The step-up sign-in asks for `max_age=0`, and
 * OpenID Connect Core 3.1.2.1 then requires the provider to send `auth_time`.
 */
export function reauthTime(claims: Record<string, unknown>, nowSeconds: number): number {
  const authTime = claims.auth_time;
  const usable =
    typeof authTime === 'number' && Number.isFinite(authTime) && authTime > 0 && authTime <= Math.floor(nowSeconds) + CLOCK_SKEW_SECONDS;
  return usable ? Math.floor(authTime) : 0;
}
