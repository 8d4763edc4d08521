/**
 * The environment of the embedded demo: the portal pointed at the local WorkMail emulator and the
 * local identity provider. `npm run demo` and the end-to-end tests both start the portal with it.
 */
import { DEMO_CLIENT } from '../emulators/oidc/provider';
import { DEMO_KEYS } from '../emulators/workmail/sigv4';

export interface DemoPorts {
  app: number;
  workmail: number;
  oidc: number;
}

export const DEMO_PORTS: DemoPorts = { app: 3000, workmail: 4010, oidc: 4011 };

/** The emulator's full-access demo key: what the portal signs its WorkMail calls with in the demo and tests. */
export const DEMO_CREDENTIALS = { accessKeyId: DEMO_KEYS[0]!.accessKeyId, secretAccessKey: DEMO_KEYS[0]!.secretAccessKey };

/** The variables that point the portal's WorkMail client at an emulator. */
export function workmailEnvironment(endpoint: string): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
    WORKMAIL_ENDPOINT: endpoint,
  };
}

/**
 * The demo's audit key: fixed, so the demo database stays verifiable across restarts
 * (`AUDIT_HMAC_KEY=<this> npm run audit:verify`). Public, so never a production key.
 */
export const DEMO_AUDIT_HMAC_KEY = 'demo-audit-key-not-secret-0123456789abcdef';

/** The demo's hand-over key (migration wave exports): fixed, so a portal restarted mid-wave can still read them. Public, so never a production key. */
export const DEMO_HANDOVER_KEY = 'demo-handover-key-not-secret-0123456789abcdef';

export function demoEnvironment(ports: DemoPorts, secret: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    NEXTAUTH_URL: `http://localhost:${ports.app}`,
    NEXTAUTH_SECRET: secret,
    AUDIT_HMAC_KEY: DEMO_AUDIT_HMAC_KEY,
    HANDOVER_KEY: DEMO_HANDOVER_KEY,
    OIDC_ISSUER: `http://localhost:${ports.oidc}`,
    OIDC_CLIENT_ID: DEMO_CLIENT.clientId,
    OIDC_CLIENT_SECRET: DEMO_CLIENT.clientSecret,
    OIDC_PROVIDER_NAME: 'the demo identity provider',
    ACCESS_POLICY_FILE: 'config/access-policy.demo.json',
    ...workmailEnvironment(`http://127.0.0.1:${ports.workmail}`),
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

export const redirectUri = (appPort: number) => `http://localhost:${appPort}/api/auth/callback/oidc`;
