/**
 * A small, bounded pool of connections bound as the portal's service account, one pool per
 * organization. ldapts runs several operations on one connection, but a pool spreads a search
 * burst over a few sockets and keeps one slow answer from holding up the rest. Every connection
 * has a connect and an operation timeout, and waiting for a free connection is bounded too, so a
 * call never hangs.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Client, ResultCodeError } from 'ldapts';
import { DirectoryError } from '../../directory/errors';
import { toDirectoryError } from './errors';
import { bindPassword, encrypted, type LdapOptions } from './options';

export class ConnectionPool {
  private readonly idle: Client[] = [];
  private busy = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly options: LdapOptions) {}

  /** Whether passwords may travel on these connections: only over LDAPS or StartTLS. */
  get encrypted(): boolean {
    return encrypted(this.options);
  }

  /** Runs `work` on a bound connection; every failure comes out as a DirectoryError. */
  async use<T>(work: (client: Client) => Promise<T>): Promise<T> {
    await this.acquire();
    let client: Client | undefined;
    try {
      client = this.takeIdle() ?? (await this.open());
      const result = await work(client);
      this.idle.push(client);
      client = undefined;
      return result;
    } catch (err) {
      // A refusal from the server leaves the connection fine for the next call.
      if (client && err instanceof ResultCodeError && client.isConnected && client.isBound) {
        this.idle.push(client);
        client = undefined;
      }
      throw toDirectoryError(err);
    } finally {
      if (client) void client.unbind().catch(() => {});
      this.release();
    }
  }

  /** Closes the idle connections (tests, shutdown); busy ones close when their call ends. */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((c) => c.unbind().catch(() => {})));
  }

  private takeIdle(): Client | undefined {
    for (let client = this.idle.pop(); client; client = this.idle.pop()) {
      // The server may have closed an idle connection (AD does after 15 minutes by default).
      if (client.isConnected && client.isBound) return client;
      void client.unbind().catch(() => {});
    }
    return undefined;
  }

  private tlsOptions(): ConnectionOptions {
    const { caFile, url } = this.options;
    let ca: Buffer | undefined;
    try {
      ca = caFile ? readFileSync(caFile) : undefined;
    } catch (err) {
      throw new DirectoryError('directory-unavailable', undefined, 'CAFileUnreadable', (err as Error).message);
    }
    // StartTLS upgrades an existing socket, so the name to check comes from the URL.
    return { ca, minVersion: 'TLSv1.2', host: new URL(url).hostname, servername: servername(url) };
  }

  private async open(): Promise<Client> {
    const { url, startTls, connectTimeoutMs, timeoutMs, bindDN } = this.options;
    const tlsOptions = encrypted(this.options) ? this.tlsOptions() : undefined;
    // ldapts speaks TLS from the start whenever tlsOptions are given, so only ldaps:// gets them.
    const ldaps = url.toLowerCase().startsWith('ldaps:');
    const client = new Client({
      url,
      connectTimeout: connectTimeoutMs,
      timeout: timeoutMs,
      tlsOptions: ldaps ? tlsOptions : undefined,
      strictDN: false,
    });
    try {
      if (startTls) await client.startTLS(tlsOptions);
      await client.bind(bindDN, bindPassword(this.options));
      return client;
    } catch (err) {
      void client.unbind().catch(() => {});
      throw err;
    }
  }

  private acquire(): Promise<void> {
    if (this.busy < this.options.poolSize) {
      this.busy += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const granted = () => {
        clearTimeout(timer);
        this.busy += 1;
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(granted), 1);
        reject(new DirectoryError('throttled', undefined, 'PoolExhausted'));
      }, this.options.timeoutMs);
      this.waiting.push(granted);
    });
  }

  private release(): void {
    this.busy -= 1;
    this.waiting.shift()?.();
  }
}

/** SNI takes host names only, never IP addresses. */
function servername(url: string): string | undefined {
  const host = new URL(url).hostname;
  return /^[\d.]+$|^\[/.test(host) ? undefined : host;
}
