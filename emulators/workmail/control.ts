/**
 * The control API of docs/emulator.md: unsigned JSON endpoints that tests and benchmarks use to set
 * up and inspect the emulator. It binds where the emulator binds (loopback by default) and must
 * never face a network: it can read and change everything.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { faultSchema } from './faults';
import { generatePeople } from './generate';
import type { Organization, UserRecord } from './model';
import { verifyPassword } from './passwords';
import { loadSeed, seedRoles } from './seed';
import type { EmulatorState } from './state';

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const generateSchema = z
  .object({
    organization: z.string().min(1),
    users: z.number().int().min(1).max(1_000_000),
    group: z.string().min(1).max(256).optional(),
  })
  .strict();
const orgStateSchema = z.object({ state: z.string().min(1).max(64) }).strict();
const verifySchema = z.object({ organizationId: z.string().min(1), userId: z.string().min(1), password: z.string().max(1024) }).strict();

function parse<T>(schema: z.ZodType<T>, body: Buffer): T {
  let json: unknown;
  try {
    json = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    throw new ControlError(400, 'The body is not valid JSON.');
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new ControlError(400, z.prettifyError(result.error));
  return result.data;
}

/** Organizations are named by id or alias here, for convenience in tests. */
function organization(state: EmulatorState, idOrAlias: string): Organization {
  const org = state.organizations.get(idOrAlias) ?? [...state.organizations.values()].find((o) => o.alias === idOrAlias);
  if (!org) throw new ControlError(404, `No organization ${idOrAlias}.`);
  return org;
}

const publicUser = (u: UserRecord) => ({
  id: u.id,
  name: u.name,
  displayName: u.displayName,
  email: u.email ?? null,
  state: u.state,
  role: u.role,
  enabledDate: u.enabledDate ?? null,
  disabledDate: u.disabledDate ?? null,
  identityProviderUserId: u.identityProviderUserId ?? null,
  attributes: u.attributes,
  hasPassword: u.password !== undefined,
});

function snapshot(state: EmulatorState) {
  return {
    organizations: [...state.organizations.values()].map((org) => ({
      id: org.id,
      alias: org.alias,
      state: org.state,
      defaultMailDomain: org.defaultMailDomain,
      directoryType: org.directoryType,
      users: [...org.users.values()].map(publicUser),
      groups: [...org.groups.values()].map((g) => ({
        id: g.id,
        name: g.name,
        email: g.email ?? null,
        state: g.state,
        members: [...g.members],
      })),
    })),
  };
}

type Route = (state: EmulatorState, body: Buffer, url: URL, params: string[]) => Promise<unknown> | unknown;

const ROUTES: Array<[method: string, pattern: RegExp, route: Route]> = [
  ['GET', /^\/__control\/state$/, (state) => snapshot(state)],
  [
    'POST',
    /^\/__control\/reset$/,
    async (state) => {
      state.organizations = await loadSeed(state.seed);
      state.sts.setRoles(seedRoles(state.seed));
      state.faults.clear();
      state.calls.clear();
      state.trail.clear();
      // Issued role sessions stay valid, as STS's would when WorkMail's data changes.
      return { ok: true };
    },
  ],
  [
    'POST',
    /^\/__control\/seed$/,
    async (state, body) => {
      const doc = parse(z.unknown(), body);
      try {
        state.organizations = await loadSeed(doc);
        state.sts.setRoles(seedRoles(doc));
      } catch (err) {
        throw new ControlError(400, err instanceof z.ZodError ? z.prettifyError(err) : (err as Error).message);
      }
      return { ok: true, organizations: state.organizations.size };
    },
  ],
  [
    'POST',
    /^\/__control\/generate$/,
    (state, body) => {
      const { organization: name, users, group } = parse(generateSchema, body);
      const started = performance.now();
      try {
        const result = generatePeople(organization(state, name), users, group);
        return { ...result, ms: Math.round(performance.now() - started) };
      } catch (err) {
        if (err instanceof ControlError) throw err;
        throw new ControlError(400, (err as Error).message);
      }
    },
  ],
  ['GET', /^\/__control\/faults$/, (state) => ({ faults: state.faults.all() })],
  [
    'POST',
    /^\/__control\/faults$/,
    (state, body) => {
      state.faults.add(parse(faultSchema, body));
      return { ok: true, faults: state.faults.all() };
    },
  ],
  [
    'DELETE',
    /^\/__control\/faults$/,
    (state) => {
      state.faults.clear();
      return { ok: true };
    },
  ],
  [
    'POST',
    /^\/__control\/organizations\/([^/]+)\/state$/,
    (state, body, _url, [id]) => {
      const org = organization(state, decodeURIComponent(id!));
      org.state = parse(orgStateSchema, body).state;
      return { id: org.id, state: org.state };
    },
  ],
  [
    'POST',
    /^\/__control\/verify-password$/,
    async (state, body) => {
      const input = parse(verifySchema, body);
      const user = organization(state, input.organizationId).find(input.userId);
      if (user?.kind !== 'user') throw new ControlError(404, `No user ${input.userId}.`);
      return { match: await verifyPassword(input.password, user.password) };
    },
  ],
  [
    'GET',
    /^\/__control\/calls$/,
    (state, _body, url) => ({
      calls: state.calls.list({ operation: url.searchParams.get('operation'), since: url.searchParams.get('since') }),
    }),
  ],
  [
    'GET',
    /^\/__control\/cloudtrail$/,
    (state, _body, url) => state.trail.list({ eventName: url.searchParams.get('eventName'), since: url.searchParams.get('since') }),
  ],
  [
    'DELETE',
    /^\/__control\/cloudtrail$/,
    (state) => {
      state.trail.clear();
      return { ok: true };
    },
  ],
  ['GET', /^\/__control\/sts\/roles$/, (state) => ({ roles: state.sts.listRoles() })],
  ['POST', /^\/__control\/sts\/expire$/, (state) => ({ ok: true, expired: state.sts.expireAll() })],
  [
    'DELETE',
    /^\/__control\/calls$/,
    (state) => {
      state.calls.clear();
      return { ok: true };
    },
  ],
];

/** The emulator's own origins: its port on loopback, by address or by name. */
function ownOrigins(req: IncomingMessage): string[] {
  const port = req.socket.localPort;
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
}

/**
 * A web page anywhere can make a browser POST `text/plain` or a form to loopback without a CORS
 * preflight; such a request could reset or reseed the emulator. Control writes therefore need
 * `Content-Type: application/json` (which forces a preflight the emulator never grants), and any
 * request carrying another site's `Origin` is refused outright (docs/emulator.md).
 */
function refuseForeign(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !ownOrigins(req).includes(origin)) {
    throw new ControlError(403, 'The control API answers only its own origin.');
  }
  if (req.method === 'POST') {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (type !== 'application/json') {
      throw new ControlError(415, `Content-Type must be application/json, not ${type || 'absent'}.`);
    }
  }
}

export async function handleControl(req: IncomingMessage, res: ServerResponse, body: Buffer, state: EmulatorState) {
  const url = new URL(req.url ?? '/', 'http://emulator');
  let status = 200;
  let payload: unknown;
  try {
    refuseForeign(req);
    const matches = ROUTES.filter(([, pattern]) => pattern.test(url.pathname));
    const match = matches.find(([method]) => method === req.method);
    if (!match) {
      throw matches.length > 0
        ? new ControlError(405, `${req.method} is not allowed on ${url.pathname}.`)
        : new ControlError(404, `No control endpoint ${url.pathname}.`);
    }
    const [, pattern, route] = match;
    payload = await route(state, body, url, pattern.exec(url.pathname)!.slice(1));
  } catch (err) {
    if (!(err instanceof ControlError)) throw err;
    status = err.status;
    payload = { error: err.message };
  }
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
