import 'server-only';
/**
 * A wave's passwords at rest, until their one download (docs/migrations.md): AES-256-GCM under a key
 * derived from HANDOVER_KEY (required in production; generated per start in development, when a
 * restarted portal cannot read what the previous process stored). Each value gets its own random
 * IV, and the wave and row it belongs to are authenticated with it, so a ciphertext copied to
 * another row does not decrypt.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { config } from '../config';

const VERSION = 'v1';

let cachedKey: { source: string; key: Buffer } | undefined;

function key(): Buffer {
  const source = config().waves.key;
  if (cachedKey?.source !== source) {
    cachedKey = { source, key: Buffer.from(hkdfSync('sha256', source, '', 'reset-portal migration wave export', 32)) };
  }
  return cachedKey.key;
}

export function seal(plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The plain text, or undefined when the value was sealed under another key or for another row. */
export function open(sealed: string, context: string): string | undefined {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !body || !tag) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
