/**
 * The identity provider's tokens at rest in the session record: AES-256-GCM under a key derived
 * from NEXTAUTH_SECRET with HKDF, so a copy of the database alone gives no token. The session id
 * is the additional data: a ciphertext moved to another session's row does not decrypt.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function tokenKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, '', 'session-token-encryption', 32));
}

export function encryptToken(plain: string, key: Buffer, sessionKey: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(sessionKey));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The token, or undefined when the text was not made by encryptToken with this key for this session. */
export function decryptToken(sealed: string, key: Buffer, sessionKey: string): string | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(sessionKey));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
