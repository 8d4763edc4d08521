/**
 * Passwords: the emulator keeps only salted scrypt hashes (node:crypto) and checks new passwords
 * against a directory policy. WorkMail's own policy is undocumented; the default is the nearest
 * documented AWS rule (AWS Directory Service: 8..64 characters, 3 of 4 character classes).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { WorkMailError } from './errors';

export interface PasswordHash {
  salt: Buffer;
  hash: Buffer;
}

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** How many of lower, upper, digit and other must appear. */
  requiredClasses: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, maxLength: 64, requiredClasses: 3 };

// A modest cost: these hashes guard test data, and each reset should stay a few milliseconds.
const SCRYPT: ScryptOptions = { N: 4096, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, KEY_LENGTH, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  return { salt, hash: await derive(password, salt) };
}

export async function verifyPassword(password: string, stored: PasswordHash | undefined): Promise<boolean> {
  if (!stored) return false;
  return timingSafeEqual(await derive(password, stored.salt), stored.hash);
}

const CLASSES = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u];

export function checkPasswordPolicy(password: string, policy: PasswordPolicy): void {
  const classes = CLASSES.filter((re) => re.test(password)).length;
  if (password.length < policy.minLength || password.length > policy.maxLength || classes < policy.requiredClasses) {
    throw new WorkMailError(
      'InvalidPasswordException',
      `The password does not meet the directory's requirements: ${policy.minLength} to ${policy.maxLength} characters ` +
        `with at least ${policy.requiredClasses} of lowercase letters, uppercase letters, digits and other characters.`,
    );
  }
}
