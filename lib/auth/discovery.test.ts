/** Discovery over real HTTP: the bundled identity provider, and a URL where there is none. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidc, type RunningOidc } from '../../emulators/oidc/provider';
import { fetchDiscovery } from './discovery';

let oidc: RunningOidc;
beforeAll(async () => {
  oidc = await startOidc({ port: 0 });
});
afterAll(() => oidc.close());

describe('fetchDiscovery', () => {
  it("reads the bundled provider's document: endpoints, RS256, client_secret_basic, end_session_endpoint", async () => {
    const result = await fetchDiscovery(`${oidc.issuer}/.well-known/openid-configuration`, { issuer: oidc.issuer });
    expect(result).toMatchObject({
      ok: true,
      discovery: {
        issuer: oidc.issuer,
        idTokenAlg: 'RS256',
        tokenAuthMethod: 'client_secret_basic',
        endSessionEndpoint: `${oidc.issuer}/session/end`,
      },
    });
  });

  it('names the URL it tried and why it failed', async () => {
    const url = `${oidc.issuer}/api/oidc/.well-known/openid-configuration`;
    expect(await fetchDiscovery(url, { issuer: oidc.issuer })).toMatchObject({ ok: false, url, error: 'HTTP 404 Not Found' });
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const { port } = free.address() as AddressInfo;
    await new Promise((r) => free.close(r));
    const closed = await fetchDiscovery(`http://127.0.0.1:${port}/.well-known/openid-configuration`, { issuer: oidc.issuer });
    expect(closed).toMatchObject({ ok: false, error: expect.stringMatching(/fetch failed: .*ECONNREFUSED/) });
  });
});
