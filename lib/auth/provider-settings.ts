/**
 * What the portal takes from the identity provider's discovery document, and the choices it makes
 * from it (docs/identity-providers.md). Pure, so each provider's shape is a unit test.
 */
import { ID_TOKEN_ALGS, TOKEN_AUTH_METHODS } from '../config';

type IdTokenAlg = (typeof ID_TOKEN_ALGS)[number];
type TokenAuthMethod = (typeof TOKEN_AUTH_METHODS)[number];

export interface Discovery {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  userinfoEndpoint?: string;
  /** RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), when the provider offers it. */
  endSessionEndpoint?: string;
  idTokenAlg: IdTokenAlg;
  tokenAuthMethod: TokenAuthMethod;
}

export interface Overrides {
  issuer: string;
  idTokenAlg?: IdTokenAlg;
  tokenAuthMethod?: TokenAuthMethod;
}

const isAsymmetric = (alg: string): alg is IdTokenAlg => (ID_TOKEN_ALGS as readonly string[]).includes(alg);
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * RS256 when offered (every OpenID Provider must support it), otherwise the first asymmetric
 * algorithm the provider lists (e.g. ES256 only). Symmetric HS256 would need the client secret as
 * the key, and `none` is no signature: neither is accepted.
 */
export function chooseIdTokenAlg(supported: string[] | undefined, override?: IdTokenAlg): IdTokenAlg {
  if (override) return override;
  const offered = supported ?? ['RS256'];
  if (offered.includes('RS256')) return 'RS256';
  const alg = offered.find(isAsymmetric);
  if (!alg) {
    throw new Error(
      `the provider signs ID tokens only with ${offered.join(', ') || 'nothing'}; the portal needs an asymmetric algorithm (${ID_TOKEN_ALGS.join(', ')}): change the provider's signing key, or set OIDC_ID_TOKEN_ALG`,
    );
  }
  return alg;
}

/** client_secret_basic when offered (Discovery 1.0's default when none is listed), else client_secret_post. */
export function chooseTokenAuthMethod(supported: string[] | undefined, override?: TokenAuthMethod): TokenAuthMethod {
  if (override) return override;
  const offered = supported ?? ['client_secret_basic'];
  const method = TOKEN_AUTH_METHODS.find((m) => offered.includes(m));
  if (!method) {
    throw new Error(
      `the provider's token endpoint accepts only ${offered.join(', ')}; the portal authenticates with a client secret (client_secret_basic or client_secret_post)`,
    );
  }
  return method;
}

/**
 * How the portal authenticates at the token endpoint with `method` (RFC 6749 §2.3.1), for the
 * requests it makes itself (the refresh grant, lib/auth/userinfo.ts); sign-in passes the same
 * method to openid-client. Basic encodes id and secret as the RFC says before joining them.
 */
export function clientAuthentication(
  method: TokenAuthMethod,
  clientId: string,
  clientSecret: string,
): { headers: Record<string, string>; form: Record<string, string> } {
  if (method === 'client_secret_post') return { headers: {}, form: { client_id: clientId, client_secret: clientSecret } };
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
  return { headers: { authorization: `Basic ${basic}` }, form: {} };
}

/** Validates a fetched discovery document and makes the portal's choices from it; throws saying what is wrong. */
export function parseDiscovery(json: unknown, overrides: Overrides): Discovery {
  if (typeof json !== 'object' || json === null) throw new Error('the response is not a JSON object');
  const doc = json as Record<string, unknown>;
  const url = (name: string, required: boolean): string | undefined => {
    const value = doc[name];
    if (typeof value === 'string' && /^https?:\/\//.test(value)) return value;
    if (required) throw new Error(`the document has no ${name}`);
    return undefined;
  };
  const issuer = url('issuer', true)!;
  // Discovery 1.0 §4.3: the issuer in the document must be the one configured.
  if (trimSlash(issuer) !== trimSlash(overrides.issuer)) {
    throw new Error(`the document names the issuer ${issuer}, but OIDC_ISSUER is ${overrides.issuer}`);
  }
  return {
    issuer,
    authorizationEndpoint: url('authorization_endpoint', true)!,
    tokenEndpoint: url('token_endpoint', true)!,
    jwksUri: url('jwks_uri', true)!,
    userinfoEndpoint: url('userinfo_endpoint', false),
    endSessionEndpoint: url('end_session_endpoint', false),
    idTokenAlg: chooseIdTokenAlg(strings(doc.id_token_signing_alg_values_supported), overrides.idTokenAlg),
    tokenAuthMethod: chooseTokenAuthMethod(strings(doc.token_endpoint_auth_methods_supported), overrides.tokenAuthMethod),
  };
}
