/**
 * The second, independent identity provider of the test suite: Glewlwyd 2.7 from Debian
 * (docs/identity-providers.md). What it holds, shared by scripts/ensure-glewlwyd.ts, which builds
 * it, and the e2e spec that signs in through it. One process serves every variant: two OpenID
 * Connect plugin instances (RS256 and ES256 signing, each with its own issuer and discovery) and
 * one client per portal instance, so a variant costs a client, not another IdP process.
 */
export const GLEWLWYD_PORT = 4593;
export const GLEWLWYD_URL = `http://localhost:${GLEWLWYD_PORT}`;
export const GLEWLWYD_ADMIN = { username: 'admin', password: 'password' };
export const GLEWLWYD_PASSWORD = 'demo-Passw0rd';
export const GLEWLWYD_SCOPES = ['openid', 'email', 'profile', 'groups'];

/**
 * OpenID Connect plugin instances. Glewlwyd always serves discovery at
 * `/api/<name>/.well-known/openid-configuration`, whatever the issuer: the RS256 one has its issuer
 * there; the ES256 one names another issuer, so the portal needs OIDC_DISCOVERY_URL for it.
 */
export const GLEWLWYD_PLUGINS = {
  rs256: { name: 'oidc', jwtType: 'rsa', issuer: `${GLEWLWYD_URL}/api/oidc`, endSession: true },
  /** Also without session management, so without end_session_endpoint: logout falls back to prompt=login. */
  es256: { name: 'oidces', jwtType: 'ecdsa', issuer: `${GLEWLWYD_URL}/es256`, endSession: false },
} as const;
export const glewlwydIssuer = (plugin: keyof typeof GLEWLWYD_PLUGINS) => GLEWLWYD_PLUGINS[plugin].issuer;
export const glewlwydDiscoveryUrl = (plugin: keyof typeof GLEWLWYD_PLUGINS) =>
  `${GLEWLWYD_URL}/api/${GLEWLWYD_PLUGINS[plugin].name}/.well-known/openid-configuration`;

export interface GlewlwydClient {
  clientId: string;
  secret: string;
  /** The portal instance (port) this client belongs to in the e2e spec. */
  appPort: number;
  authMethods: Array<'client_secret_basic' | 'client_secret_post'>;
}

export const GLEWLWYD_CLIENTS = {
  /** RS256, either client authentication: the common case. */
  standard: {
    clientId: 'portal-standard',
    secret: 'glewlwyd-standard-secret-0123456789',
    appPort: 3302,
    authMethods: ['client_secret_basic', 'client_secret_post'],
  },
  /** Signed with ES256 (through the `oidces` plugin). */
  es256: {
    clientId: 'portal-es256',
    secret: 'glewlwyd-es256-secret-0123456789ab',
    appPort: 3303,
    authMethods: ['client_secret_basic', 'client_secret_post'],
  },
  /** Allowed only client_secret_post at the token endpoint. */
  post: { clientId: 'portal-post', secret: 'glewlwyd-post-secret-0123456789abcd', appPort: 3304, authMethods: ['client_secret_post'] },
} satisfies Record<string, GlewlwydClient>;

export interface GlewlwydUser {
  username: string;
  name: string;
  email: string;
  /**
   * Glewlwyd's `groups` property is single-valued here, so the claim is a string (as with some
   * real providers): several groups are comma-separated. Absent: the user sends no groups claim.
   */
  groups?: string;
}

export const GLEWLWYD_USERS: GlewlwydUser[] = [
  { username: 'alice', name: 'Alice Admin', email: 'alice@example.com', groups: 'it-admins' },
  { username: 'bob', name: 'Bob Lead', email: 'bob@example.com', groups: 'eng-leads' },
  { username: 'dave', name: 'Dave Nobody', email: 'dave@example.com', groups: 'all-staff' },
  { username: 'gina', name: 'Gina Domain', email: 'gina@example.com', groups: 'Domain Admins' },
  { username: 'nora', name: 'Nora Nogroups', email: 'nora@example.com' },
];
