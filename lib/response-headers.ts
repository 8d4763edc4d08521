/**
 * One response's security headers (lib/security-headers) with a fresh CSP nonce, for this
 * deployment: proxy.ts sets them on every response it makes or passes on, its own liveness
 * answer included (docs/decisions/010-request-cost.md).
 */
import { config } from './config';
import { contentSecurityPolicy, securityHeaders } from './security-headers';

export function freshSecurityHeaders(): { nonce: string; csp: string; headers: Record<string, string> } {
  const c = config();
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, {
    identityProviderOrigin: new URL(c.oidc.issuer).origin,
    development: !c.production,
  });
  return { nonce, csp, headers: securityHeaders({ csp, https: c.auth.secureCookies }) };
}
