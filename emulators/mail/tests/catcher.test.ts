/** The mail catcher's HTTP side: messages as JSON, clearing them, the refuse control, and its guard against other origins. */
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from '../server';

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
});
afterAll(() => catcher?.close());

const send = (text: string) =>
  nodemailer.createTransport({ url: catcher.smtpUrl }).sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'Größe', text });
const post = (path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${catcher.httpUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

describe('the mail catcher', () => {
  it('returns what it received as [{to, from, subject, text, date}], decoded', async () => {
    const long = `${'a line that is long enough to be wrapped by quoted-printable '.repeat(3)}ünïcödé\n.a dot at the start`;
    await send(long);
    const [message] = (await (await fetch(`${catcher.httpUrl}/messages`)).json()) as Array<Record<string, string>>;
    expect(message).toEqual({ to: 'b@example.com', from: 'a@example.com', subject: 'Größe', text: long, date: expect.any(String) });
    expect((await fetch(`${catcher.httpUrl}/messages`, { method: 'DELETE' })).status).toBe(200);
    expect(await (await fetch(`${catcher.httpUrl}/messages`)).json()).toEqual([]);
  });

  it('refuses connections when told to, and takes mail again when told so', async () => {
    expect((await post('/control', { refuse: true })).status).toBe(200);
    await expect(send('x')).rejects.toMatchObject({ responseCode: 421 });
    await post('/control', { refuse: false });
    await expect(send('y')).resolves.toBeTruthy();
  });

  it('refuses bad control bodies, non-JSON writes and other origins', async () => {
    expect((await post('/control', { refuse: 'yes' })).status).toBe(400);
    expect((await post('/control', { delayMs: -1 })).status).toBe(400);
    expect((await post('/control', { refuse: true }, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await fetch(`${catcher.httpUrl}/messages`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect(await (await fetch(`${catcher.httpUrl}/control`)).json()).toEqual({ refuse: false, delayMs: 0 });
  });
});
