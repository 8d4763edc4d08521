/**
 * The mail catcher (docs/emulator.md, "Mail catcher"): an SMTP server (smtp-server) that keeps
 * every message it receives in memory, and an HTTP API on another port to read them, clear them,
 * and make the SMTP side refuse or stall, for the tests of a mail server that is down or slow.
 * Loopback only, no TLS, any or no authentication.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMessage } from './parse';

export interface CaughtMessage {
  to: string;
  from: string;
  subject: string;
  text: string;
  date: string;
}

export interface MailControl {
  /** Every new connection is answered 421, as a mail server that is down or refuses the portal. */
  refuse: boolean;
  /** Each message is acknowledged only after this many milliseconds. */
  delayMs: number;
}

export interface MailCatcher {
  smtpUrl: string;
  httpUrl: string;
  messages: CaughtMessage[];
  close(): Promise<void>;
}

const withCode = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

function ownOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const port = req.socket.localPort;
  return origin === undefined || [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`].includes(origin);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object');
  return parsed as Record<string, unknown>;
}

export async function startMailCatcher(options: { smtpPort?: number; httpPort?: number; host?: string } = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const messages: CaughtMessage[] = [];
  const control: MailControl = { refuse: false, delayMs: 0 };

  const smtp = new SMTPServer({
    authOptional: true,
    // No reverse DNS of the client: a lookup per connection made every notice wait on the resolver.
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    banner: 'mail catcher',
    // Senders keep pooled connections open (lib/notify): close() ends them after this instead of
    // smtp-server's 30 s default, which outlasted a test file's afterAll hook.
    closeTimeout: 100,
    onConnect(_session, callback) {
      callback(control.refuse ? withCode('Service not available (the mail catcher was told to refuse)', 421) : null);
    },
    // A connection opened before `refuse` (senders keep a pool) is refused at its next message, as a server going down would.
    onMailFrom(_address, _session, callback) {
      callback(control.refuse ? withCode('Service not available (the mail catcher was told to refuse)', 421) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const parsed = parseMessage(Buffer.concat(chunks));
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(', '),
          from: parsed.headers.get('from') ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
          subject: parsed.headers.get('subject') ?? '',
          text: parsed.text,
          date: new Date().toISOString(),
        });
        setTimeout(() => callback(), control.delayMs);
      });
    },
  });

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', 'http://catcher').pathname;
    if (!ownOrigin(req)) return answer(403, { error: 'The mail catcher answers only its own origin.' });
    const writes = req.method === 'POST' || req.method === 'DELETE';
    if (writes && req.method === 'POST' && !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return answer(415, { error: 'Content-Type must be application/json.' });
    }
    if (path === '/messages' && req.method === 'GET') return answer(200, messages);
    if (path === '/messages' && req.method === 'DELETE') {
      messages.length = 0;
      return answer(200, { ok: true });
    }
    if (path === '/control' && req.method === 'GET') return answer(200, control);
    if (path === '/control' && req.method === 'POST') {
      readJson(req).then(
        (body) => {
          if (body.refuse !== undefined && typeof body.refuse !== 'boolean') return answer(400, { error: 'refuse must be true or false' });
          const delay = body.delayMs;
          if (delay !== undefined && !(Number.isInteger(delay) && (delay as number) >= 0 && (delay as number) <= 600_000)) {
            return answer(400, { error: 'delayMs must be a whole number of milliseconds from 0 to 600000' });
          }
          if (body.refuse !== undefined) control.refuse = body.refuse;
          if (delay !== undefined) control.delayMs = delay as number;
          return answer(200, control);
        },
        (err: unknown) => answer(400, { error: `Body: ${(err as Error).message}` }),
      );
      return;
    }
    return answer(404, { error: 'GET or DELETE /messages, GET or POST /control' });
  });

  const listen = (
    server: { listen(port: number, host: string, cb: () => void): unknown; once(e: 'error', cb: (err: Error) => void): unknown },
    port: number,
  ) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  await listen(smtp.server, options.smtpPort ?? 4025);
  await listen(http, options.httpPort ?? 4012);
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const httpPort = (http.address() as AddressInfo).port;
  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    httpUrl: `http://${host}:${httpPort}`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => smtp.close(() => resolve()));
      }),
  };
}
