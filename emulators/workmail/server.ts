/**
 * The emulator's HTTP server: the WorkMail API (awsJson1_1 on `POST /`) and the control API
 * (`/__control/*`, unsigned JSON for tests) on one port. Bad input never yields a 500.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog, redact } from './calls';
import { handleControl } from './control';
import { WorkMailError } from './errors';
import { Faults } from './faults';
import { OPERATIONS } from './operations';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from './passwords';
import { demoSeed, loadSeed, seedRoles, type SeedDocument } from './seed';
import { INPUT_SHAPES, validateInput } from './shapes';
import { DEMO_KEYS, verifySignature, type AccessKey, type KeyLookup } from './sigv4';
import { identityOf, Trail } from './cloudtrail';
import { assumeRoleXml, sessionDenial, Sts, stsErrorXml } from './sts';
import type { EmulatorState } from './state';

export type { EmulatorState } from './state';

export interface EmulatorOptions {
  /** Access keys that may sign requests; the demo keys by default. */
  keys?: AccessKey[];
  /** Verify SigV4 (default true); false only for experiments (`--no-auth`). */
  auth?: boolean;
  /** The seed loaded at start and by `POST /__control/reset`; the demo seed by default. */
  seed?: SeedDocument;
  passwordPolicy?: Partial<PasswordPolicy>;
  accountId?: string;
}

export interface RunningEmulator {
  url: string;
  port: number;
  state: EmulatorState;
  server: Server;
  close(): Promise<void>;
}

const API_BODY_LIMIT = 1024 * 1024;
const CONTROL_BODY_LIMIT = 64 * 1024 * 1024;
const TARGET_PREFIX = 'WorkMailService.';

export async function startEmulator(options: EmulatorOptions & { port?: number; host?: string } = {}): Promise<RunningEmulator> {
  const seed = options.seed ?? demoSeed();
  const state: EmulatorState = {
    organizations: await loadSeed(seed),
    seed,
    faults: new Faults(),
    calls: new CallLog(),
    policy: {
      ...DEFAULT_PASSWORD_POLICY,
      ...Object.fromEntries(Object.entries(options.passwordPolicy ?? {}).filter(([, v]) => v !== undefined)),
    },
    sts: new Sts(),
    trail: new Trail(),
  };
  state.sts.setRoles(seedRoles(seed));
  const configured = new Map((options.keys ?? DEMO_KEYS).map((k) => [k.accessKeyId, k]));
  // The configured keys, then the temporary ones STS has issued.
  const keys: KeyLookup = { get: (id) => configured.get(id) ?? state.sts.key(id) };
  const auth = options.auth ?? true;
  const accountId = options.accountId ?? '000000000000';

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const isControl = path.startsWith('/__control/');
    readBody(req, isControl ? CONTROL_BODY_LIMIT : API_BODY_LIMIT)
      .then((body) =>
        isControl ? handleControl(req, res, body, state) : handleApi(req, res, path, body, { state, keys, auth, accountId }),
      )
      .catch((err: unknown) => {
        if (err instanceof WorkMailError) return sendError(res, randomUUID(), err);
        // Only a bug in the emulator lands here; say so instead of hanging up.
        console.error('workmail emulator: unexpected error', err);
        sendError(res, randomUUID(), new WorkMailError('InternalFailure', 'The emulator failed unexpectedly.'));
      });
  });
  // Connections stay open between calls, as WorkMail's endpoints keep them: a hinted timeout of 1 s
  // made Node's agent (the SDK's) open a new connection for every call, which no deployment pays
  // (docs/decisions/010-request-cost.md). close() ends idle connections itself.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    port,
    state,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new WorkMailError('RequestEntityTooLargeException', `The request body is larger than ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface ApiContext {
  state: EmulatorState;
  keys: KeyLookup;
  auth: boolean;
  accountId: string;
}

const mediaType = (req: IncomingMessage) =>
  String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();

async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer, ctx: ApiContext) {
  // STS shares the endpoint: AWS Query requests are form-encoded, WorkMail's are JSON.
  if (req.method === 'POST' && mediaType(req) === 'application/x-www-form-urlencoded') return handleSts(req, res, path, body, ctx);
  const started = performance.now();
  const requestId = randomUUID();
  const target = String(req.headers['x-amz-target'] ?? '');
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
  let input: unknown;
  let accessKeyId: string | undefined;
  let callerKey: AccessKey | undefined;
  let region = 'us-east-1';
  const record = (outcome: string, status: number, message?: string) => {
    const session = accessKeyId ? ctx.state.sts.session(accessKeyId) : undefined;
    ctx.state.trail.add({
      eventTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      eventSource: 'workmail.amazonaws.com',
      eventName: operation,
      awsRegion: region,
      requestID: requestId,
      userIdentity: identityOf(ctx.accountId, callerKey, session),
      requestParameters: input ?? null,
      ...(outcome === 'ok' ? {} : { errorCode: outcome, errorMessage: message }),
    });
    ctx.state.calls.add({
      time: new Date().toISOString(),
      requestId,
      operation,
      accessKeyId,
      input: redact(input),
      outcome,
      status,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
    });
  };
  try {
    if (req.method !== 'POST')
      throw new WorkMailError('MethodNotAllowedException', `The WorkMail API accepts only POST /, not ${req.method}.`);
    if (path !== '/') throw new WorkMailError('UnknownOperationException', `No operation is served at ${path}; use POST /.`, 404);
    let allowed: string[] | undefined;
    let principal = 'emulator';
    if (ctx.auth) {
      const caller = await verifySignature(req.method, path, req.headers, body, ctx.keys);
      callerKey = caller.key;
      accessKeyId = caller.key.accessKeyId;
      region = caller.region;
      allowed = caller.key.operations;
      principal = caller.key.principal ?? caller.key.accessKeyId;
    }
    const contentType = mediaType(req);
    if (contentType !== 'application/x-amz-json-1.1')
      throw new WorkMailError(
        'UnsupportedMediaTypeException',
        `Content-Type must be application/x-amz-json-1.1, not ${contentType || 'absent'}.`,
      );
    const handler = target.startsWith(TARGET_PREFIX) ? OPERATIONS[operation] : undefined;
    if (!handler) throw new WorkMailError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}.`);
    input = parseJson(body);
    if (allowed && !allowed.includes(operation)) {
      const org = (input as { OrganizationId?: unknown }).OrganizationId;
      throw new WorkMailError(
        'AccessDeniedException',
        `User: ${principal.startsWith('arn:') ? principal : `arn:aws:iam::${ctx.accountId}:user/${principal}`} is not authorized to perform: workmail:${operation} on resource: ` +
          `arn:aws:workmail:${region}:${ctx.accountId}:organization/${typeof org === 'string' ? org : '*'} ` +
          `because no identity-based policy allows the workmail:${operation} action`,
      );
    }
    const session = accessKeyId ? ctx.state.sts.session(accessKeyId) : undefined;
    if (session) {
      const org = (input as { OrganizationId?: unknown }).OrganizationId;
      const denial = sessionDenial(
        session,
        operation,
        `arn:aws:workmail:${region}:${ctx.accountId}:organization/${typeof org === 'string' ? org : '*'}`,
      );
      if (denial) throw denial;
    }
    const fault = ctx.state.faults.take(operation);
    if (fault?.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault?.error) throw new WorkMailError(fault.error, fault.message ?? `Injected ${fault.error}.`, fault.status);
    validateInput(INPUT_SHAPES[operation]!, input);
    const output = await handler(input as Record<string, unknown>, {
      organizations: ctx.state.organizations,
      policy: ctx.state.policy,
      region,
      accountId: ctx.accountId,
    });
    record('ok', 200);
    send(res, 200, requestId, output);
  } catch (err) {
    const error = err instanceof WorkMailError ? err : internal(err);
    record(error.code, error.status, error.message);
    sendError(res, requestId, error);
  }
}

/** AssumeRole (emulators/workmail/sts.ts): form in, XML out; faults on operation `AssumeRole` apply. */
async function handleSts(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer, ctx: ApiContext) {
  const requestId = randomUUID();
  const form = new URLSearchParams(body.toString('utf8'));
  const operation = form.get('Action') ?? '';
  let caller: AccessKey | undefined;
  let region = 'us-east-1';
  const started = performance.now();
  const record = (outcome: string, status: number, responseElements?: unknown, message?: string) => {
    const parameters = {
      roleArn: form.get('RoleArn'),
      roleSessionName: form.get('RoleSessionName'),
      durationSeconds: form.has('DurationSeconds') ? Number(form.get('DurationSeconds')) : undefined,
      sourceIdentity: form.get('SourceIdentity') ?? undefined,
      tags: [...form.keys()]
        .filter((k) => /^Tags\.member\.\d+\.Key$/.test(k))
        .map((k) => ({ key: form.get(k), value: form.get(k.replace(/Key$/, 'Value')) ?? '' })),
    };
    ctx.state.trail.add({
      eventTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      eventSource: 'sts.amazonaws.com',
      eventName: operation || 'Unknown',
      awsRegion: region,
      requestID: requestId,
      userIdentity: identityOf(ctx.accountId, caller, undefined),
      requestParameters: parameters,
      ...(responseElements ? { responseElements } : {}),
      ...(outcome === 'ok' ? {} : { errorCode: outcome, errorMessage: message }),
    });
    ctx.state.calls.add({
      time: new Date().toISOString(),
      requestId,
      operation: operation || 'Unknown',
      accessKeyId: caller?.accessKeyId,
      input: parameters,
      outcome,
      status,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
    });
  };
  try {
    if (path !== '/') throw new WorkMailError('InvalidAction', `No action is served at ${path}; use POST /.`, 404);
    if (!ctx.auth) throw new WorkMailError('InvalidClientTokenId', 'STS needs signed requests: start the emulator without --no-auth.', 403);
    const verified = await verifySignature(req.method ?? 'POST', path, req.headers, body, ctx.keys, new Date(), 'sts');
    caller = verified.key;
    region = verified.region;
    if (operation !== 'AssumeRole')
      throw new WorkMailError(
        'InvalidAction',
        `Could not find operation ${operation || '(no Action)'} for version ${form.get('Version') ?? '(none)'}.`,
      );
    const fault = ctx.state.faults.take(operation);
    if (fault?.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault?.error) throw new WorkMailError(fault.error, fault.message ?? `Injected ${fault.error}.`, fault.status);
    const session = ctx.state.sts.assumeRole(form, caller, ctx.accountId);
    record('ok', 200, {
      credentials: { accessKeyId: session.accessKeyId, sessionToken: '[REDACTED]', expiration: new Date(session.expiresAt).toISOString() },
      assumedRoleUser: { assumedRoleId: `${session.roleId}:${session.sessionName}`, arn: session.assumedRoleArn },
      sourceIdentity: session.sourceIdentity,
    });
    sendXml(res, 200, requestId, assumeRoleXml(session, requestId));
  } catch (err) {
    const error = err instanceof WorkMailError ? err : internal(err);
    // STS names the common errors without WorkMail's "Exception" suffix.
    const code =
      {
        UnrecognizedClientException: 'InvalidClientTokenId',
        ExpiredTokenException: 'ExpiredToken',
        MissingAuthenticationTokenException: 'MissingAuthenticationToken',
        InvalidSignatureException: 'SignatureDoesNotMatch',
        IncompleteSignatureException: 'IncompleteSignature',
      }[error.code] ?? error.code;
    const status = code === 'InvalidClientTokenId' || code === 'SignatureDoesNotMatch' || code === 'ExpiredToken' ? 403 : error.status;
    record(code, status, undefined, error.message);
    sendXml(res, status, requestId, stsErrorXml(new WorkMailError(code, error.message, status), requestId));
  }
}

function sendXml(res: ServerResponse, status: number, requestId: string, xml: string) {
  res.writeHead(status, {
    'Content-Type': 'text/xml',
    'Content-Length': Buffer.byteLength(xml),
    'x-amzn-RequestId': requestId,
    Date: new Date().toUTCString(),
  });
  res.end(xml);
}

function internal(err: unknown): WorkMailError {
  console.error('workmail emulator: unexpected error', err);
  return new WorkMailError('InternalFailure', 'The emulator failed unexpectedly.');
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new WorkMailError('SerializationException', 'The request body is not valid JSON.');
  }
}

function send(res: ServerResponse, status: number, requestId: string, payload: object, extra: Record<string, string> = {}) {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
    Date: new Date().toUTCString(),
    ...extra,
  });
  res.end(body);
}

function sendError(res: ServerResponse, requestId: string, error: WorkMailError) {
  if (res.headersSent) return res.end();
  const extra: Record<string, string> = { 'x-amzn-ErrorType': error.code };
  if (error.code === 'MethodNotAllowedException') extra.Allow = 'POST';
  send(res, error.status, requestId, { __type: error.code, Message: error.message }, extra);
}
