/**
 * The environment of the embedded demo: the portal pointed at the local WorkMail emulator and the
 * local identity provider. `npm run demo` and the end-to-end tests both start the portal with it.
 */
import { DEMO_CLIENT } from '../emulators/oidc/provider';

export interface DemoPorts {
  app: number;
  workmail: number;
  oidc: number;
}

export const DEMO_PORTS: DemoPorts = { app: 3000, workmail: 4010, oidc: 4011 };

export function demoEnvironment(ports: DemoPorts, secret: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    NEXTAUTH_URL: `http://localhost:${ports.app}`,
    NEXTAUTH_SECRET: secret,
    OIDC_ISSUER: `http://localhost:${ports.oidc}`,
    OIDC_CLIENT_ID: DEMO_CLIENT.clientId,
    OIDC_CLIENT_SECRET: DEMO_CLIENT.clientSecret,
    OIDC_PROVIDER_NAME: 'the demo identity provider',
    ACCESS_POLICY_FILE: 'config/access-policy.demo.json',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAEMULATORDEMO0001',
    AWS_SECRET_ACCESS_KEY: 'emulator-demo-secret-key-0001',
    WORKMAIL_ENDPOINT: `http://127.0.0.1:${ports.workmail}`,
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

export const redirectUri = (appPort: number) => `http://localhost:${appPort}/api/auth/callback/oidc`;
