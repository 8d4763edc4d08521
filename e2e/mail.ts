/** The worker's mail catcher (emulators/mail): what the portal sent, and its refuse switch. */
import { E2E_MAIL_PORTS } from './env';

export const MAIL_URL = `http://127.0.0.1:${E2E_MAIL_PORTS.http}`;

export interface Mail {
  to: string;
  from: string;
  subject: string;
  text: string;
  date: string;
}

export const mails = async (): Promise<Mail[]> => (await fetch(`${MAIL_URL}/messages`)).json() as Promise<Mail[]>;

export async function clearMails(): Promise<void> {
  await fetch(`${MAIL_URL}/messages`, { method: 'DELETE' });
}

export async function mailControl(body: { refuse?: boolean; delayMs?: number }): Promise<void> {
  const res = await fetch(`${MAIL_URL}/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`mail catcher control: ${res.status} ${await res.text()}`);
}
