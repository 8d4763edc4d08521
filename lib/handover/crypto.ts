/**
 * The hand-over's secrets (docs/handover.md). The password is sealed with AES-256-GCM under a key
 * derived from HANDOVER_KEY, with the row's id as additional data, so a ciphertext copied into
 * another row does not open. The link's token is 128 random bits; only its SHA-256 is stored, so a
 * copy of the database opens no link.
 */
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { decryptToken, encryptToken } from '../sessions/token-crypto';

export interface HandoverKey {
  key: Buffer;
  /** A fingerprint of the key, stored beside each sealed password. */
  id: string;
}

export function handoverKey(secret: string): HandoverKey {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, '', info, 32));
  return { key: derive('handover-password-encryption'), id: derive('handover-key-id').toString('hex').slice(0, 16) };
}

const additionalData = (ref: string) => `handover:${ref}`;

export const sealPassword = (password: string, key: HandoverKey, ref: string): string =>
  encryptToken(password, key.key, additionalData(ref));

/** The password, or undefined when the text was changed, belongs to another row, or was sealed under another key. */
export const openPassword = (sealed: string, key: HandoverKey, ref: string): string | undefined =>
  decryptToken(sealed, key.key, additionalData(ref));

/** 128 random bits, URL-safe: a row's reference and a link's token alike. */
export const randomId = (): string => randomBytes(16).toString('base64url');

/** What a token looks like; anything else is not looked up at all. */
export const isToken = (token: string): boolean => /^[A-Za-z0-9_-]{22}$/.test(token);

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
