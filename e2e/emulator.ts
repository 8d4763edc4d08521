/** The WorkMail emulator's control API, for asserting what WorkMail now holds. */
import { E2E_PORTS } from './env';
import { EXAMPLE_ORG_ID } from '../emulators/workmail/seed';

export const WORKMAIL_URL = `http://127.0.0.1:${E2E_PORTS.workmail}`;

export interface Call {
  operation: string;
  input: Record<string, unknown>;
  outcome: string;
}

export async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${WORKMAIL_URL}${path}`, {
    method,
    // The control API takes writes only as JSON (docs/emulator.md), bodyless ones included.
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const calls = async () => (await control<{ calls: Call[] }>('GET', '/__control/calls')).calls;
export const clearCalls = () => control('DELETE', '/__control/calls');

export interface StateUser {
  id: string;
  name: string;
  displayName: string;
  email: string | null;
}

export async function users(alias = 'example'): Promise<StateUser[]> {
  const state = await control<{ organizations: Array<{ alias: string; users: StateUser[] }> }>('GET', '/__control/state');
  return state.organizations.find((o) => o.alias === alias)!.users;
}

export const ORG_ID = EXAMPLE_ORG_ID;

export async function verifyPassword(userId: string, password: string): Promise<boolean> {
  return (await control<{ match: boolean }>('POST', '/__control/verify-password', { organizationId: ORG_ID, userId, password })).match;
}

export async function resetCalls(): Promise<Call[]> {
  return (await calls()).filter((c) => c.operation === 'ResetPassword');
}

export const fault = (body: Record<string, unknown>) => control('POST', '/__control/faults', body);
