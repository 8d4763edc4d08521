/**
 * Configures a freshly initialised Glewlwyd through its admin API (the calls of
 * docs/identity-providers.md): the `groups` user property, the scopes, two OpenID Connect plugin
 * instances (RS256 and ES256), one client per portal variant, the users, and each user's consent
 * to each client, so that the browser tests meet the login page but not the consent screen.
 */
import {
  GLEWLWYD_ADMIN,
  GLEWLWYD_CLIENTS,
  GLEWLWYD_PASSWORD,
  GLEWLWYD_PLUGINS,
  GLEWLWYD_SCOPES,
  GLEWLWYD_URL,
  GLEWLWYD_USERS,
  glewlwydIssuer,
} from './glewlwyd';

type Keys = Record<'rsa' | 'ec', { key: string; cert: string }>;

/** A cookie session with Glewlwyd's API, as its own web pages hold one. */
async function session(username: string, password: string) {
  const res = await fetch(`${GLEWLWYD_URL}/api/auth/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`Glewlwyd sign-in as ${username}: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${GLEWLWYD_URL}/api${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Glewlwyd ${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
}

function pluginParameters(plugin: keyof typeof GLEWLWYD_PLUGINS, keys: Keys) {
  const { jwtType, endSession } = GLEWLWYD_PLUGINS[plugin];
  const pair = jwtType === 'rsa' ? keys.rsa : keys.ec;
  return {
    iss: glewlwydIssuer(plugin),
    'jwt-type': jwtType,
    'jwt-key-size': '256',
    key: pair.key,
    cert: pair.cert,
    'jwks-show': true,
    'access-token-duration': 3600,
    'refresh-token-duration': 1209600,
    'code-duration': 600,
    'refresh-token-rolling': true,
    'allow-non-oidc': false,
    'auth-type-code-enabled': true,
    'auth-type-id-token-enabled': true,
    'auth-type-refresh-enabled': true,
    'auth-type-token-enabled': false,
    'auth-type-none-enabled': false,
    'auth-type-password-enabled': false,
    'auth-type-client-enabled': false,
    'auth-type-device-enabled': false,
    'subject-type': 'public',
    scope: [],
    'allowed-scope': GLEWLWYD_SCOPES,
    'name-claim': 'no',
    'name-claim-scope': ['profile'],
    'email-claim': 'no',
    'email-claim-scope': ['email'],
    'scope-claim': 'no',
    'address-claim': { type: 'no' },
    claims: [{ name: 'groups', 'user-property': 'groups', type: 'string', mandatory: false, 'on-demand': false, scope: ['groups'] }],
    'pkce-allowed': true,
    'pkce-method-plain-allowed': false,
    // RP-initiated logout (end_session_endpoint) needs session management and its cookie; the
    // logout page of Glewlwyd 2.7.5 asks the session's client list, which answers only with
    // front-channel logout allowed (400 otherwise, and the page cannot end the session).
    'session-management-allowed': endSession,
    'front-channel-logout-allowed': endSession,
    'back-channel-logout-allowed': false,
    'session-cookie-name': `GLEWLWYD_${plugin.toUpperCase()}_SID`,
    'session-cookie-expiration': 2419200,
    'request-parameter-allow': false,
    'introspection-revocation-allowed': false,
    'register-client-allowed': false,
  };
}

export async function configureGlewlwyd(keys: Keys): Promise<void> {
  const admin = await session(GLEWLWYD_ADMIN.username, GLEWLWYD_ADMIN.password);

  // Without a data-format entry the database backend silently drops a `groups` property on save.
  const userModule = (await admin('GET', '/mod/user/database')) as { parameters: Record<string, unknown> };
  const dataFormat = (userModule.parameters['data-format'] ?? {}) as Record<string, unknown>;
  dataFormat.groups = { multiple: false, read: true, write: true, 'profile-read': true, 'profile-write': false };
  await admin('PUT', '/mod/user/database', { ...userModule, parameters: { ...userModule.parameters, 'data-format': dataFormat } });
  await admin('PUT', '/mod/user/database/reset');
  // Likewise the client backend drops `post_logout_redirect_uris`, the list end_session checks
  // (its data-format has only a single `post_logout_redirect_uri`, which end_session ignores).
  const clientModule = (await admin('GET', '/mod/client/database')) as { parameters: Record<string, unknown> };
  const clientFormat = (clientModule.parameters['data-format'] ?? {}) as Record<string, unknown>;
  clientFormat.post_logout_redirect_uris = { multiple: true, read: true, write: true };
  await admin('PUT', '/mod/client/database', { ...clientModule, parameters: { ...clientModule.parameters, 'data-format': clientFormat } });
  await admin('PUT', '/mod/client/database/reset');

  for (const name of GLEWLWYD_SCOPES.filter((s) => s !== 'openid')) {
    await admin('POST', '/scope/', {
      name,
      display_name: name,
      description: `the ${name} claims`,
      password_required: true,
      password_max_age: 0,
      scheme: {},
    });
  }
  for (const plugin of Object.keys(GLEWLWYD_PLUGINS) as Array<keyof typeof GLEWLWYD_PLUGINS>) {
    const { name } = GLEWLWYD_PLUGINS[plugin];
    await admin('POST', '/mod/plugin/', {
      module: 'oidc',
      name,
      display_name: `OpenID Connect (${plugin})`,
      parameters: pluginParameters(plugin, keys),
    });
  }
  for (const client of Object.values(GLEWLWYD_CLIENTS)) {
    const app = `http://localhost:${client.appPort}`;
    await admin('POST', '/client/', {
      client_id: client.clientId,
      name: `WorkMail Reset Portal (${client.clientId})`,
      enabled: true,
      confidential: true,
      client_secret: client.secret,
      redirect_uri: [`${app}/api/auth/callback/oidc`],
      authorization_type: ['code'],
      token_endpoint_auth_method: client.authMethods,
      scope: [],
      post_logout_redirect_uris: [`${app}/sign-in`],
    });
  }
  for (const user of GLEWLWYD_USERS) {
    await admin('POST', '/user/', {
      username: user.username,
      name: user.name,
      email: user.email,
      ...(user.groups === undefined ? {} : { groups: user.groups }),
      scope: [...GLEWLWYD_SCOPES, 'g_profile'],
      password: GLEWLWYD_PASSWORD,
      enabled: true,
    });
    // Glewlwyd splits the granted scopes on spaces (its API.md says commas; those are refused).
    const asUser = await session(user.username, GLEWLWYD_PASSWORD);
    for (const client of Object.values(GLEWLWYD_CLIENTS))
      await asUser('PUT', `/auth/grant/${client.clientId}`, { scope: GLEWLWYD_SCOPES.join(' ') });
  }
}
