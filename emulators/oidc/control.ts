/**
 * The identity provider's control API, for tests (docs/emulator.md, "Identity provider control
 * API"): change an operator's groups, end their grants as an administrator ending their sessions
 * at the IdP would, make the provider unavailable, and go back to the seed. Unsigned, on the IdP's loopback port; JSON bodies
 * only, and never from a browser page (a request with an Origin header is refused), so a web page
 * cannot drive it with a simple cross-origin form post.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { DemoPerson } from './people';

export interface GrantRecord {
  grantId: string;
  accountId: string;
  createdAt: number;
}

export interface ControlState {
  provider: Provider;
  people: DemoPerson[];
  seed: DemoPerson[];
  grants: GrantRecord[];
  /** An outage at the provider: while `down`, these paths (or, without `paths`, every one but the control API's) answer 503. */
  outage: { down: boolean; paths?: string[] };
  /** Per username: the next sign-in's `auth_time` lies this many seconds in the past (tests of step-up; used once). */
  backdate: Map<string, number>;
  /** Usernames asked for the demo one-time code after their password (amr gains `otp` and `mfa`, acr is `mfa`). */
  mfa: Set<string>;
}

const MAX_BODY_BYTES = 16 * 1024;

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_BODY_BYTES) throw new Error('the body is too large');
  }
  return body ? JSON.parse(body) : {};
}

export const copyPeople = (people: DemoPerson[]): DemoPerson[] =>
  people.map((p) => ({ ...p, groups: p.groups ? [...p.groups] : undefined }));

/** Revokes the grants' access and refresh tokens and the grants: userinfo then answers 401, refresh invalid_grant. */
async function endGrants(state: ControlState, grants: GrantRecord[]) {
  const { provider } = state;
  for (const g of grants) {
    await provider.AccessToken.revokeByGrantId(g.grantId);
    await provider.RefreshToken.revokeByGrantId(g.grantId);
    await (await provider.Grant.find(g.grantId))?.destroy();
    state.grants.splice(state.grants.indexOf(g), 1);
  }
}

export async function handleControl(state: ControlState, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  if (req.headers.origin !== undefined) return send(res, 403, { error: 'The control API does not answer browser pages.' });
  if (req.method === 'POST' && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return send(res, 415, { error: 'Send JSON (Content-Type: application/json).' });
  }
  if (req.method === 'GET' && path === '/__control/accounts') return send(res, 200, { accounts: state.people });
  if (req.method === 'POST' && path === '/__control/reset') {
    state.people.splice(0, state.people.length, ...copyPeople(state.seed));
    state.outage = { down: false };
    state.backdate.clear();
    state.mfa.clear();
    return send(res, 200, { accounts: state.people });
  }
  if (req.method === 'POST' && path === '/__control/outage') {
    let body: { down?: unknown; paths?: unknown };
    try {
      body = (await readJson(req)) as typeof body;
    } catch (err) {
      return send(res, 400, { error: `The body is not JSON: ${(err as Error).message}` });
    }
    const paths =
      body.paths === undefined || (Array.isArray(body.paths) && body.paths.every((p) => typeof p === 'string'))
        ? (body.paths as string[] | undefined)
        : null;
    if (typeof body.down !== 'boolean' || paths === null)
      return send(res, 400, { error: 'Send {"down": true or false, "paths"?: ["/me", ...]}.' });
    state.outage = { down: body.down, paths };
    return send(res, 200, state.outage);
  }
  const account = /^\/__control\/accounts\/([\w.-]+)(\/end-grants|\/auth-time|\/mfa)?$/.exec(path);
  const person = account && state.people.find((p) => p.username === account[1]);
  if (!account || req.method !== 'POST') return send(res, 404, { error: 'No such control endpoint.' });
  if (!person) return send(res, 404, { error: `No account ${account[1]}.` });
  let body: { groups?: unknown; latest?: unknown };
  try {
    body = (await readJson(req)) as typeof body;
  } catch (err) {
    return send(res, 400, { error: `The body is not JSON: ${(err as Error).message}` });
  }
  if (account[2] === '/auth-time') {
    const age = (body as { ageSeconds?: unknown }).ageSeconds;
    if (typeof age !== 'number' || !Number.isInteger(age) || age < 0 || age > 86_400) {
      return send(res, 400, { error: 'Send {"ageSeconds": 0 to 86400}.' });
    }
    state.backdate.set(person.username, age);
    return send(res, 200, { username: person.username, ageSeconds: age });
  }
  if (account[2] === '/mfa') {
    const enrolled = (body as { enrolled?: unknown }).enrolled;
    if (typeof enrolled !== 'boolean') return send(res, 400, { error: 'Send {"enrolled": true or false}.' });
    if (enrolled) state.mfa.add(person.username);
    else state.mfa.delete(person.username);
    return send(res, 200, { username: person.username, enrolled });
  }
  if (account[2]) {
    const theirs = state.grants.filter((g) => g.accountId === person.username).sort((a, b) => a.createdAt - b.createdAt);
    const ending = body.latest === true ? theirs.slice(-1) : theirs;
    await endGrants(state, ending);
    return send(res, 200, { ended: ending.length });
  }
  if (!Array.isArray(body.groups) || !body.groups.every((g) => typeof g === 'string')) {
    return send(res, 400, { error: 'Send {"groups": ["group", ...]}.' });
  }
  person.groups = [...(body.groups as string[])];
  return send(res, 200, person);
}
