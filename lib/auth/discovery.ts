import 'server-only';
/**
 * The identity provider's discovery document (OpenID Connect Discovery 1.0), fetched once at
 * start-up (lib/startup.ts) and kept: the provider definition (lib/auth/options.ts) takes its
 * endpoints, ID token algorithm and client authentication from it, and readiness reports whether
 * it could be read. A failed fetch is retried, at most every RETRY_MS, when readiness asks again.
 */
import { config } from '../config';
import { log } from '../log';
import { parseDiscovery, type Discovery, type Overrides } from './provider-settings';

const TIMEOUT_MS = 5000;
const RETRY_MS = 15_000;

export type State = { ok: true; discovery: Discovery } | { ok: false; url: string; error: string; at: number };

/**
 * Kept on globalThis: Next.js bundles instrumentation.ts apart from the routes, so a module-level
 * variable would give the routes a copy that never saw the start-up fetch.
 */
const store = globalThis as typeof globalThis & { __portalDiscovery?: { state?: State; pending?: Promise<State> } };
const shared = (store.__portalDiscovery ??= {});

export async function fetchDiscovery(url: string, overrides: Overrides): Promise<State> {
  try {
    const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
    return { ok: true, discovery: parseDiscovery(await res.json(), overrides) };
  } catch (err) {
    const error = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
    return { ok: false, url, error, at: Date.now() };
  }
}

/** Reads the discovery document (again, when the last attempt failed long enough ago). */
export async function loadDiscovery(): Promise<State> {
  const { state } = shared;
  if (state?.ok || (state && Date.now() - state.at < RETRY_MS)) return state;
  const oidc = config().oidc;
  shared.pending ??= fetchDiscovery(oidc.discoveryUrl, oidc).then((result) => {
    shared.pending = undefined;
    if (!result.ok) log.error({ url: result.url, err: result.error }, 'identity provider discovery failed');
    else log.info({ url: oidc.discoveryUrl, issuer: result.discovery.issuer }, 'identity provider discovered');
    shared.state = result;
    return result;
  });
  return shared.pending;
}

/** The discovery document when it has been read; undefined before that or while it fails. */
export function discovered(): Discovery | undefined {
  if (shared.state?.ok) return shared.state.discovery;
  void loadDiscovery();
  return undefined;
}

export type IdentityProviderStatus = { ok: true; issuer: string } | { ok: false; message: string };

/** For readiness: whether the identity provider's discovery document has been read, and if not why. */
export async function identityProviderStatus(): Promise<IdentityProviderStatus> {
  const result = await loadDiscovery();
  if (result.ok) return { ok: true, issuer: result.discovery.issuer };
  return { ok: false, message: `identity provider discovery at ${result.url} failed: ${result.error}` };
}
