/**
 * The pool never hangs: a server that accepts connections and never answers is given up on after
 * the operation timeout, and callers beyond the pool's size wait at most that long too.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryError } from '../../directory/errors';
import { ldapOptionsSchema } from './options';
import { ConnectionPool } from './pool';

let silent: net.Server;
const sockets = new Set<net.Socket>();
let port = 0;

beforeAll(async () => {
  silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  port = (silent.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

const pool = (poolSize = 1) => {
  process.env.TEST_POOL_PASSWORD = 'irrelevant';
  return new ConnectionPool(
    ldapOptionsSchema.parse({
      flavour: 'ldap',
      url: `ldap://127.0.0.1:${port}`,
      bindDN: 'cn=portal,dc=example,dc=test',
      bindPasswordEnv: 'TEST_POOL_PASSWORD',
      peopleBaseDN: 'ou=people,dc=example,dc=test',
      timeoutMs: 300,
      poolSize,
    }),
  );
};

describe('ConnectionPool', () => {
  it('gives up on a server that never answers after the operation timeout, as a network error', async () => {
    const started = Date.now();
    const failure = await pool()
      .use(async () => 'unreachable')
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DirectoryError);
    expect((failure as DirectoryError).code).toBe('network');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('bounds the wait of a caller queued behind a full pool as well', async () => {
    const one = pool(1);
    const started = Date.now();
    const results = await Promise.allSettled([one.use(async () => 1), one.use(async () => 2)]);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof DirectoryError)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('says directory-unavailable when nothing listens', async () => {
    const closed = new ConnectionPool({ ...pool().options, url: 'ldap://127.0.0.1:1' });
    const failure = await closed.use(async () => 'unreachable').catch((err: unknown) => err);
    expect((failure as DirectoryError).code).toBe('directory-unavailable');
  });
});
