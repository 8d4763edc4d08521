/**
 * A local OpenID Provider built on `oidc-provider` (a certified implementation): one confidential
 * client for the portal, authorization code flow with PKCE, refresh tokens, and the demo people.
 * ID tokens and userinfo carry sub, email, name and groups. Tests change groups and end grants
 * through the control API (emulators/oidc/control.ts).
 */
import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { copyPeople, handleControl, type ControlState } from './control';
import { errorPage, loginPage, logoutPage, otpPage } from './pages';
import { DEMO_OTP, DEMO_PASSWORD, DEMO_PEOPLE, type DemoPerson } from './people';

export interface OidcOptions {
  port?: number;
  host?: string;
  /** The issuer URL; `http://localhost:<port>` by default. */
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  redirectUris?: string[];
  /**
   * Where RP-initiated logout may send the browser back to; by default each redirect URI's
   * origin + `/sign-in` (the portal's sign-in page).
   */
  postLogoutRedirectUris?: string[];
  people?: DemoPerson[];
  /**
   * Keep the IdP session between sign-ins (single sign-on). Off by default, so that after the
   * portal's Sign out the next person is asked for their password instead of silently reusing it.
   */
  sso?: boolean;
  /**
   * Put email, name and groups only in userinfo, as providers that keep the ID token small do
   * (OpenID Connect Core 5.4); by default the ID token carries them too.
   */
  claimsInUserinfoOnly?: boolean;
  /**
   * Leave the groups out of userinfo: only the ID token carries them, as Entra ID, Cognito and
   * Okta (groups claim on the ID token) do (docs/identity-providers.md).
   */
  groupsInIdTokenOnly?: boolean;
  /**
   * The one way the client may authenticate at the token endpoint (the other is refused), and the
   * only one discovery lists. Unset: both work, and discovery lists every method.
   */
  clientAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /**
   * Serve the discovery document at this path instead of `/.well-known/openid-configuration`
   * (which then answers 404), as a provider whose document lives apart from its issuer does.
   */
  discoveryPath?: string;
}

/** The portal's sign-in page beside each of its callback URLs: where logout returns to. */
export const postLogoutUris = (redirectUris: string[]) => redirectUris.map((uri) => `${new URL(uri).origin}/sign-in`);

export const DEMO_CLIENT = {
  clientId: 'workmail-reset-portal',
  clientSecret: 'demo-portal-client-secret',
  redirectUri: 'http://localhost:3000/api/auth/callback/oidc',
};

export interface RunningOidc {
  issuer: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const MAX_FORM_BYTES = 16 * 1024;

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: randomBytes(8).toString('hex') };
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startOidc(options: OidcOptions = {}): Promise<RunningOidc> {
  // A copy: the control API changes groups, and `reset` goes back to these.
  const seed = options.people ?? DEMO_PEOPLE;
  const people = copyPeople(seed);
  const grants: ControlState['grants'] = [];
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4011, options.host ?? '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = options.issuer ?? `http://localhost:${port}`;

  const policy = interactionPolicy.base();
  if (!options.sso) {
    policy
      .get('login')!
      .checks.add(
        new interactionPolicy.Check('demo_always_login', 'the demo IdP asks for a password on every sign-in', (ctx) =>
          ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
        ),
      );
  }

  // oidc-provider's default logout page, in the demo's words; its form posts back to the provider.
  const logoutSource: NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>['logoutSource'] = (ctx, form) => {
    ctx.type = 'html';
    ctx.body = logoutPage(form);
  };

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId ?? DEMO_CLIENT.clientId,
        client_secret: options.clientSecret ?? DEMO_CLIENT.clientSecret,
        client_name: 'WorkMail Reset Portal',
        redirect_uris: options.redirectUris ?? [DEMO_CLIENT.redirectUri],
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? postLogoutUris(options.redirectUris ?? [DEMO_CLIENT.redirectUri]),
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: options.clientAuthMethod ?? 'client_secret_basic',
        // Every ID token says when the person signed in: the portal's step-up reads it (lib/auth/step-up.ts).
        require_auth_time: true,
      },
    ],
    ...(options.clientAuthMethod ? { clientAuthMethods: [options.clientAuthMethod] } : {}),
    async findAccount(_ctx, sub) {
      const person = people.find((p) => p.username === sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async (use) => ({
          sub,
          email: person.email,
          email_verified: true,
          name: person.name,
          ...(use === 'userinfo' && options.groupsInIdTokenOnly ? {} : { groups: person.groups }),
        }),
      };
    },
    // acr, amr and auth_time as oidc-provider's defaults release them, for the portal's step-up (lib/auth/step-up.ts).
    claims: {
      acr: null,
      auth_time: null,
      sid: null,
      openid: ['sub', 'amr', 'acr'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    acrValues: ['mfa'],
    scopes: ['openid', 'email', 'profile', 'groups'],
    // The demo puts the claims in the ID token too; conforming keeps them to userinfo.
    conformIdTokenClaims: options.claimsInUserinfoOnly ?? false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true, logoutSource } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}`, policy },
    // A first-party client: consent is implied, so grant the requested scopes without a screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile groups');
      const grantId = await grant.save();
      grants.push({ grantId, accountId: session.accountId, createdAt: Date.now() });
      return grant;
    },
    // The portal re-reads groups from userinfo (lib/sessions/live.ts) and renews its access token
    // with a refresh token, which this IdP gives its client without asking for offline_access.
    // Without offline_access the tokens still end with the IdP session, as they should.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [signingKey()] },
    ttl: {
      Session: 8 * 3600,
      Interaction: 600,
      AuthorizationCode: 60,
      IdToken: 3600,
      AccessToken: 3600,
      RefreshToken: 8 * 3600,
      Grant: 8 * 3600,
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage('Sign-in error', `${out.error}: ${out.error_description ?? ''}`);
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();
  const control: ControlState = { provider, people, seed, grants, outage: { down: false }, backdate: new Map(), mfa: new Set() };
  const standardDiscovery = '/.well-known/openid-configuration';

  server.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/__control/')) {
      handleControl(control, req, res, path).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: (err as Error).message }));
      });
      return;
    }
    const { outage } = control;
    if (outage.down && (!outage.paths || outage.paths.includes(path))) {
      res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '60' });
      res.end(JSON.stringify({ error: 'temporarily_unavailable' }));
      return;
    }
    // oidc-provider takes Basic and a form secret alike; a provider whose client is allowed one
    // method only (Glewlwyd, an Okta app) refuses the other, and so does this one when told.
    const basic = req.headers.authorization !== undefined;
    if (path === '/token' && options.clientAuthMethod && basic !== (options.clientAuthMethod === 'client_secret_basic')) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ error: 'invalid_client', error_description: `this client authenticates only with ${options.clientAuthMethod}` }),
      );
      return;
    }
    if (options.discoveryPath && (path === standardDiscovery || path === options.discoveryPath)) {
      if (path === standardDiscovery) return notFound(res);
      req.url = standardDiscovery;
      return callback(req, res);
    }
    const match = /^\/interaction\/([\w-]+)$/.exec(path);
    if (!match) return callback(req, res);
    handleInteraction(provider, control, req, res).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) {
        res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(errorPage('Sign-in error', `This sign-in attempt cannot continue (${message}). Start again from the portal.`));
      }
    });
  });

  return {
    issuer,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function notFound(res: ServerResponse) {
  res.writeHead(404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: 'not_found' }));
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) throw new Error('the form is too large');
  }
  return new URLSearchParams(body);
}

/** Interactions whose password was right and that now wait for the one-time code: uid → username. */
const awaitingCode = new Map<string, string>();

async function handleInteraction(provider: Provider, control: ControlState, req: IncomingMessage, res: ServerResponse) {
  const { people } = control;
  const details = await provider.interactionDetails(req, res);
  const action = `/interaction/${details.uid}`;
  const clientName = 'WorkMail Reset Portal';
  const html = (status: number, body: string) => {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY' });
    res.end(body);
  };
  if (details.prompt.name !== 'login') {
    // Consent is granted by loadExistingGrant; anything else is a flow this IdP does not offer.
    return provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
  }
  const finish = (username: string, amr: string[], acr?: string) => {
    const age = control.backdate.get(username);
    control.backdate.delete(username);
    // A back-dated auth_time (control API) stands for a sign-in made that long ago.
    const ts = age === undefined ? undefined : Math.floor(Date.now() / 1000) - age;
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: username, amr, ...(acr ? { acr } : {}), ...(ts === undefined ? {} : { ts }) } },
      { mergeWithLastSubmission: false },
    );
  };
  const pending = awaitingCode.get(details.uid);
  if (pending) {
    if (req.method !== 'POST') return html(200, otpPage({ action }));
    const code = ((await readForm(req)).get('code') ?? '').trim();
    if (!samePassword(code, DEMO_OTP)) return html(401, otpPage({ action, error: 'Wrong code.' }));
    awaitingCode.delete(details.uid);
    return finish(pending, ['pwd', 'otp', 'mfa'], 'mfa');
  }
  if (req.method === 'GET') return html(200, loginPage({ action, people, clientName }));
  if (req.method !== 'POST') return html(405, loginPage({ action, people, clientName, error: 'Unsupported request.' }));

  const form = await readForm(req);
  const username = (form.get('username') ?? '').trim();
  const person = people.find((p) => p.username === username.toLowerCase());
  if (!person || !samePassword(form.get('password') ?? '', DEMO_PASSWORD)) {
    return html(401, loginPage({ action, people, clientName, username, error: 'Wrong username or password.' }));
  }
  if (control.mfa.has(person.username)) {
    awaitingCode.set(details.uid, person.username);
    return html(200, otpPage({ action }));
  }
  await finish(person.username, ['pwd']);
}
