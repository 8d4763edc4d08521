/**
 * Test harness: a real emulator on a loopback port, the real AWS SDK client pointed at it, and
 * the control API. Every test file starts its own emulator.
 */
import * as WorkMail from '@aws-sdk/client-workmail';
import { WorkMailClient, type WorkMailClientConfig } from '@aws-sdk/client-workmail';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { CallRecord } from '../calls';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../server';
import { EXAMPLE_ORG_ID, SUBSIDIARY_ORG_ID } from '../seed';

export const ORG = EXAMPLE_ORG_ID;
export const SUB_ORG = SUBSIDIARY_ORG_ID;
export const DEMO_KEY = { accessKeyId: 'AKIAEMULATORDEMO0001', secretAccessKey: 'emulator-demo-secret-key-0001' };
export const READ_KEY = { accessKeyId: 'AKIAEMULATORREAD0001', secretAccessKey: 'emulator-read-secret-key-0001' };

export interface Harness {
  emulator: RunningEmulator;
  client: WorkMailClient;
  makeClient(config?: Partial<WorkMailClientConfig>): WorkMailClient;
  call(operation: string, input: object, client?: WorkMailClient): Promise<Record<string, unknown>>;
  control<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }>;
  calls(operation?: string): Promise<CallRecord[]>;
  userId(name: string, org?: string): Promise<string>;
}

/** Starts an emulator for the file and resets it to the seed before each test. */
export function withEmulator(options: EmulatorOptions = {}): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    h.emulator = await startEmulator(options);
    h.makeClient = (config = {}) =>
      new WorkMailClient({
        region: 'us-east-1',
        endpoint: h.emulator.url,
        credentials: DEMO_KEY,
        maxAttempts: 1,
        ...config,
      });
    h.client = h.makeClient();
  });
  afterAll(async () => {
    h.client?.destroy();
    await h.emulator?.close();
  });
  beforeEach(async () => {
    await h.control('POST', '/__control/reset');
  });
  h.call = async (operation, input, client = h.client) => {
    const Command = (WorkMail as unknown as Record<string, new (input: object) => never>)[`${operation}Command`];
    if (!Command) throw new Error(`no SDK command for ${operation}`);
    return (await client.send(new Command(input))) as unknown as Record<string, unknown>;
  };
  h.control = async (method, path, body) => {
    const res = await fetch(`${h.emulator.url}${path}`, {
      method,
      // The control API takes writes only as JSON (docs/emulator.md), bodyless ones included.
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  };
  h.calls = async (operation) => {
    const query = operation ? `?operation=${operation}` : '';
    return (await h.control<{ calls: CallRecord[] }>('GET', `/__control/calls${query}`)).json.calls;
  };
  h.userId = async (name, org = ORG) => {
    const out = await h.call('DescribeUser', { OrganizationId: org, UserId: name });
    return out.UserId as string;
  };
  return h;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function failure(
  promise: Promise<unknown>,
): Promise<Error & { name: string; $metadata?: { requestId?: string; httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { name: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * A hand-built signed request, for what the SDK will not send (unknown members, broken JSON,
 * wrong headers, stale dates). Signed with the same maintained signer the SDK uses.
 */
export async function rawCall(
  url: string,
  options: {
    target?: string;
    body?: string;
    key?: { accessKeyId: string; secretAccessKey: string };
    signingDate?: Date;
    headers?: Record<string, string>;
    method?: string;
    service?: string;
    sign?: boolean;
    tamper?: (headers: Record<string, string>) => void;
  } = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { HttpRequest } = await import('@smithy/protocol-http');
  const { Hash } = await import('@smithy/hash-node');
  const host = new URL(url).host;
  const body = options.body ?? '{}';
  const method = options.method ?? 'POST';
  let headers: Record<string, string> = {
    host,
    'content-type': 'application/x-amz-json-1.1',
    ...(options.target === undefined ? {} : { 'x-amz-target': options.target }),
    ...options.headers,
  };
  if (options.sign !== false) {
    const signer = new SignatureV4({
      credentials: options.key ?? DEMO_KEY,
      region: 'us-east-1',
      service: options.service ?? 'workmail',
      sha256: Hash.bind(null, 'sha256'),
    });
    const request = new HttpRequest({
      method,
      hostname: host.split(':')[0]!,
      path: '/',
      headers,
      body: method === 'GET' ? undefined : body,
    });
    headers = (await signer.sign(request, { signingDate: options.signingDate ?? new Date() })).headers as Record<string, string>;
  }
  options.tamper?.(headers);
  // fetch sets Host itself and refuses to be given one.
  const sendable = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'host'));
  const res = await fetch(url, { method, headers: sendable, body: method === 'GET' ? undefined : body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
