/**
 * The session cookie's JWT, sealed exactly as next-auth seals it (a JWE, `dir` + A256GCM, with a
 * key derived from NEXTAUTH_SECRET by HKDF-SHA256), but with the derived key kept once per secret:
 * next-auth derives it again on every encode and decode, three times per page request (proxy.ts,
 * getServerSession's decode and its re-encode), which was about a tenth of a search page's CPU
 * (docs/decisions/010-request-cost.md). The token and its checks are unchanged: every request
 * still decrypts and authenticates the cookie and checks its expiry.
 */
import { hkdf, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { JWT, JWTDecodeParams, JWTEncodeParams } from 'next-auth/jwt';

/** next-auth's default lifetime, when no maxAge is given (30 days). */
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;
const derive = promisify(hkdf);
const keys = new Map<string, Promise<Uint8Array>>();

/** next-auth's derivation (its getDerivedEncryptionKey), computed once per secret and salt. */
export function derivedKey(secret: string | Buffer, salt = ''): Promise<Uint8Array> {
  const id = `${salt}\u0000${typeof secret === 'string' ? secret : secret.toString('base64')}`;
  let key = keys.get(id);
  if (!key) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ''}`;
    key = derive('sha256', secret, salt, info, 32).then((bytes) => new Uint8Array(bytes));
    // A failed derivation is not remembered.
    key.catch(() => keys.delete(id));
    keys.set(id, key);
  }
  return key;
}

export async function encode({ token = {}, secret, maxAge = DEFAULT_MAX_AGE, salt = '' }: JWTEncodeParams): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt(now)
    .setExpirationTime(now + maxAge)
    .setJti(randomUUID())
    .encrypt(await derivedKey(secret, salt));
}

export async function decode({ token, secret, salt = '' }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  // next-auth's own tolerance for clock skew between instances.
  // Only the one algorithm pair the portal seals with: a crafted header cannot pick another (PBES2's
  // attacker-chosen iteration count, a key-wrap mode) for the decryption to run.
  const { payload } = await jwtDecrypt(token, await derivedKey(secret, salt), {
    clockTolerance: 15,
    keyManagementAlgorithms: ['dir'],
    contentEncryptionAlgorithms: ['A256GCM'],
  });
  return payload as JWT;
}
