import 'server-only';
/**
 * The notice after a successful reset (docs/handover.md), sent once the outcome is recorded. A
 * failed send never undoes the reset: the result says so, and a `notice.sent` or `notice.failed`
 * event records how it ended. The action waits at most NOTICE_WAIT_MS; a slower server leaves the
 * result at "pending" while the send goes on, and its event is written when it ends.
 */
import { connect, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { appendEvent } from '../audit/store';
import type { AuditDatabase } from '../audit/db';
import type { AuditEventInput } from '../audit/types';
import { config, type Config } from '../config';
import { log } from '../log';
import { adminCopy, personNotice, type NoticeFacts } from './message';

export const NOTICE_WAIT_MS = 3_000;

export type NoticeState = 'sent' | 'failed' | 'pending' | 'off';
export interface Notice {
  state: NoticeState;
  to?: string;
}

export interface NoticeInput {
  actor: { subject: string; email: string; name: string; role: string };
  organizationId: string;
  person: { id: string; email?: string; displayName: string };
  requestId?: string;
  resetAt: Date;
}

export interface NoticeOptions {
  settings?: Config['notify'];
  waitMs?: number;
  handle?: AuditDatabase;
}

type Sent = { ok: true } | { ok: false; errorCode: string; providerCode?: string };

/**
 * A TCP connection with TCP_NODELAY: each SMTP command is a small write, and with Nagle's algorithm
 * every message waited for the server's delayed ACK (about 45 ms a notice on loopback, 3 ms without).
 * nodemailer runs TLS (smtps) over the socket it is given.
 */
function connectWithoutDelay(
  options: { host?: string; port?: number },
  callback: (err: Error | null, socket?: { connection: Socket }) => void,
): void {
  let answered = false;
  const answer = (err: Error | null) => {
    if (answered) return;
    answered = true;
    socket.setTimeout(0);
    callback(err, err ? undefined : { connection: socket });
  };
  const socket = connect(options.port ?? 587, options.host ?? 'localhost', () => answer(null));
  socket.setNoDelay(true);
  socket.setTimeout(10_000, () => socket.destroy(new Error('SMTP connection timed out')));
  socket.once('error', (err) => answer(err));
}

const transports = new Map<string, nodemailer.Transporter>();
function transport(url: string): nodemailer.Transporter {
  let t = transports.get(url);
  if (!t) {
    // Pooled: a notice reuses an open connection instead of waiting for a new one's greeting (the
    // local catcher's smtp-server holds every new connection 100 ms). Bounded, so a stalled server
    // ends in `notice.failed` rather than an event never written.
    const u = new URL(url);
    t = nodemailer.createTransport({
      host: u.hostname,
      port: Number(u.port) || (u.protocol === 'smtps:' ? 465 : 587),
      secure: u.protocol === 'smtps:',
      auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
      pool: true,
      maxConnections: 2,
      getSocket: connectWithoutDelay,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    transports.set(url, t);
  }
  return t;
}

/** nodemailer's error, as codes for the audit: never its message, which may quote the server. */
function failure(err: unknown): Sent {
  const e = err as { code?: string; responseCode?: number };
  return {
    ok: false,
    errorCode: `smtp-${(e.code ?? 'error').toLowerCase()}`,
    providerCode: e.responseCode ? String(e.responseCode) : undefined,
  };
}

async function send(url: string, from: string, to: string, message: { subject: string; text: string }): Promise<Sent> {
  try {
    await transport(url).sendMail({ from, to, subject: message.subject, text: message.text });
    return { ok: true };
  } catch (err) {
    const failed = failure(err);
    log.warn({ err: (err as Error).message, ...failed }, 'notice: send failed');
    return failed;
  }
}

/** Sends the notice (and the administrators' copy), records how it ended, and answers within the wait. */
export async function notifyAfterReset(input: NoticeInput, options: NoticeOptions = {}): Promise<Notice> {
  const settings = options.settings ?? config().notify;
  if (!settings.smtpUrl) return { state: 'off' };
  const smtpUrl = settings.smtpUrl;
  const base: Omit<AuditEventInput, 'type' | 'outcome'> = {
    actor: input.actor,
    organizationId: input.organizationId,
    person: { id: input.person.id, email: input.person.email, name: input.person.displayName },
    requestId: input.requestId,
  };
  const record = (event: AuditEventInput) =>
    appendEvent(event, options.handle).catch((err: unknown) =>
      log.error({ err: (err as Error).message, type: event.type }, 'audit: notice outcome not written'),
    );
  const to = input.person.email;
  if (!to) {
    await record({ ...base, type: 'notice.failed', outcome: 'failed', errorCode: 'no-address' });
    return { state: 'failed' };
  }
  const facts: NoticeFacts = {
    personName: input.person.displayName,
    personEmail: to,
    operatorName: input.actor.name,
    operatorEmail: input.actor.email,
    time: input.resetAt.toISOString(),
    itContact: settings.itContact,
  };
  const sending = Promise.all([
    send(smtpUrl, settings.from, to, personNotice(facts)),
    settings.adminsTo.length
      ? send(smtpUrl, settings.from, settings.adminsTo.join(', '), adminCopy(facts))
      : Promise.resolve<Sent>({ ok: true }),
  ]).then(async ([person, copy]): Promise<NoticeState> => {
    const copyCode = copy.ok ? undefined : 'admin-copy-failed';
    await record(
      person.ok
        ? { ...base, type: 'notice.sent', outcome: 'sent', errorCode: copyCode }
        : { ...base, type: 'notice.failed', outcome: 'failed', errorCode: person.errorCode, providerCode: person.providerCode },
    );
    return person.ok ? 'sent' : 'failed';
  });
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<NoticeState>((resolve) => {
    timer = setTimeout(() => resolve('pending'), options.waitMs ?? NOTICE_WAIT_MS);
  });
  const state = await Promise.race([sending, waited]);
  clearTimeout(timer);
  return { state, to };
}
