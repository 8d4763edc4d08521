/**
 * The response headers every page carries (docs/security.md, "Response headers"): a nonce-based
 * CSP that forbids framing, plugins and base-tag tricks, no referrer, no MIME sniffing, and HSTS
 * when the portal is served over HTTPS.
 */
export function contentSecurityPolicy(nonce: string, options: { identityProviderOrigin: string; development: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets Next's nonce-bearing bootstrap load its chunks; nothing else runs.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self' ${options.identityProviderOrigin}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(options: { csp: string; https: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': options.csp,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    // Pages show people and take passwords: never store them in any cache.
    'Cache-Control': 'no-store',
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * The liveness answer's headers (`GET /api/health`, a static file: next.config.ts). It is JSON, so
 * its policy allows nothing at all; no HSTS, as the build does not know the portal's address (every
 * page sends it).
 */
export const LIVENESS_HEADERS: Readonly<Record<string, string>> = {
  ...securityHeaders({ csp: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'", https: false }),
  'Content-Type': 'application/json',
};

/** Is this state-changing request from our own origin (or an origin configured for a reverse proxy)? */
export function isSameOrigin(origin: string | null, portalUrl: string, allowedHosts: readonly string[]): boolean {
  if (!origin) return false;
  try {
    const from = new URL(origin);
    return from.origin === new URL(portalUrl).origin || allowedHosts.includes(from.host);
  } catch {
    return false;
  }
}
