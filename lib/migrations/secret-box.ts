import 'server-only';
/**
 * A wave's passwords at rest, until their one download (docs/migrations.md): AES-256-GCM under a key
 * derived from HANDOVER_KEY (required in production; generated per start in development, when a
 * restarted portal cannot read what the previous process stored). Each value gets its own random
 * IV, and the wave and row it belongs to are authenticated with it, so a ciphertext copied to
 * another row does not decrypt.
 */
import { hkdfSync } from 'node:crypto';
import { config } from '../config';
import { decryptToken, encryptToken } from '../sessions/token-crypto';

let cachedKey: { source: string; key: Buffer } | undefined;

function key(): Buffer {
  const source = config().waves.key;
  if (cachedKey?.source !== source) {
    cachedKey = { source, key: Buffer.from(hkdfSync('sha256', source, '', 'reset-portal migration wave export', 32)) };
  }
  return cachedKey.key;
}

/** Sealed with the session tokens' AES-256-GCM (lib/sessions/token-crypto.ts), `context` as additional data. */
export const seal = (plain: string, context: string): string => encryptToken(plain, key(), context);

/** The plain text, or undefined when the value was sealed under another key or for another row. */
export const open = (sealed: string, context: string): string | undefined => decryptToken(sealed, key(), context);
