/**
 * `npm run emulator:oidc -- [--port 4011] [--issuer URL] [--client-id ID] [--client-secret S]
 *  [--redirect-uri URI ...] [--sso]`
 */
import { parseArgs } from 'node:util';
import { DEMO_PEOPLE, DEMO_PASSWORD } from './people';
import { DEMO_CLIENT, startOidc } from './provider';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4011' },
    host: { type: 'string', default: '127.0.0.1' },
    issuer: { type: 'string' },
    'client-id': { type: 'string', default: DEMO_CLIENT.clientId },
    'client-secret': { type: 'string', default: DEMO_CLIENT.clientSecret },
    'redirect-uri': { type: 'string', multiple: true },
    sso: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  process.exit(2);
}

startOidc({
  port,
  host: values.host,
  issuer: values.issuer,
  clientId: values['client-id'],
  clientSecret: values['client-secret'],
  redirectUris: values['redirect-uri'] ?? [DEMO_CLIENT.redirectUri],
  sso: values.sso,
})
  .then((oidc) => {
    console.log(`OIDC provider listening on ${oidc.issuer} (issuer ${oidc.issuer})`);
    console.log(`Client: ${values['client-id']} / ${values['client-secret']}`);
    console.log(`Redirect URIs: ${(values['redirect-uri'] ?? [DEMO_CLIENT.redirectUri]).join(', ')}`);
    console.log(`Demo people (password "${DEMO_PASSWORD}"): ${DEMO_PEOPLE.map((p) => `${p.username} (${p.description})`).join(', ')}`);
    const stop = (signal: string) => {
      console.log(`${signal}: stopping the OIDC provider`);
      void oidc.close().then(() => process.exit(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  })
  .catch((err: unknown) => {
    console.error(`OIDC provider failed to start: ${(err as Error).message}`);
    process.exit(1);
  });
