/** Readiness fails while the identity provider's discovery document cannot be read: nobody could sign in. */
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: Server;
beforeAll(async () => {
  // An issuer that answers, but not with a discovery document (a wrong OIDC_ISSUER path).
  server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.OIDC_ISSUER = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/wrong`;
  process.env.DATABASE_URL = `file:${join(mkdtempSync(join(tmpdir(), 'readiness-idp-')), 'portal.db')}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('readiness and the identity provider', () => {
  it('is not ready when discovery cannot be read', async () => {
    const { readiness } = await import('./readiness');
    expect(await readiness()).toMatchObject({ ready: false, checks: { configuration: 'ok', 'identity-provider': 'error' } });
  });
});
