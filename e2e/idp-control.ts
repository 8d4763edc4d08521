/** The local identity provider's control API (docs/emulator.md): change an operator's groups, end their grants. */
import { E2E_PORTS } from './env';

const IDP_URL = `http://127.0.0.1:${E2E_PORTS.oidc}`;

export async function idpControl<T = unknown>(path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${IDP_URL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const setIdpGroups = (username: string, groups: string[]) => idpControl(`/__control/accounts/${username}`, { groups });
/** Ends the operator's latest grant at the IdP (the one a test has just signed in with). */
export const endLatestGrant = (username: string) =>
  idpControl<{ ended: number }>(`/__control/accounts/${username}/end-grants`, { latest: true });
export const resetIdp = () => idpControl('/__control/reset');
