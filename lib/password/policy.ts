/**
 * The password rules, shared by the browser checklist and the server action (one isomorphic
 * schema, docs/architecture.md). The operator-facing rules are the portal's (configuration); the
 * longest password and the characters allowed are the directory's (its provider's limits). The
 * portal also refuses control characters, whatever the directory would take.
 */
import type { PasswordLimits } from '../directory/provider';

export interface PasswordPolicy extends PasswordLimits {
  /** The directory's name in the checklist's sentences ("Only characters <name> accepts"). */
  directoryName: string;
  minLength: number;
  maxLength: number;
  /** How many of lowercase, uppercase, digits and other characters must appear. */
  requiredClasses: number;
  /** The lowest acceptable zxcvbn score, 0–4. */
  minScore: number;
}

/** The portal's own defaults, with a directory that takes any printable character (tests, examples). */
export const DEFAULT_POLICY: PasswordPolicy = {
  minLength: 12,
  maxLength: 256,
  requiredClasses: 3,
  minScore: 3,
  allowedRanges: [[0x20, 0x10ffff]],
  allowedDescription: 'printable characters',
  directoryName: 'the directory',
};

const CLASSES = [
  { name: 'lowercase letters', test: /\p{Ll}/u },
  { name: 'uppercase letters', test: /\p{Lu}/u },
  { name: 'digits', test: /\p{Nd}/u },
  { name: 'symbols or spaces', test: /[^\p{L}\p{Nd}]/u },
] as const;

export function characterClasses(password: string): string[] {
  return CLASSES.filter((c) => c.test.test(password)).map((c) => c.name);
}

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character the directory (or the portal) will not take, described so a person can find it. */
export function refusedCharacter(password: string, allowedRanges: PasswordLimits['allowedRanges']): string | undefined {
  for (const char of password) {
    const cp = char.codePointAt(0)!;
    const control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
    if (control) return `a control character (${codePoint(char)})`;
    if (!allowedRanges.some(([from, to]) => cp >= from && cp <= to)) return `“${char}” (${codePoint(char)})`;
  }
  return undefined;
}

export type CheckId = 'length' | 'characters' | 'classes' | 'match';

export interface Check {
  id: CheckId;
  ok: boolean;
  label: string;
}

/** The password's length as the directory counts it (PasswordLimits.countsIn). */
export function passwordLength(password: string, policy: Pick<PasswordLimits, 'countsIn'>): number {
  return policy.countsIn === 'utf16-units' ? password.length : [...password].length;
}

/** Said beside a length only where the directory's count differs from what the operator sees. */
const countsAsTwo = (password: string, policy: PasswordPolicy) =>
  passwordLength(password, policy) !== [...password].length ? `; ${policy.directoryName} counts an emoji or rare character as two` : '';

/** The checklist the form shows as the operator types; the same rules the server enforces. */
export function checklist(password: string, confirmation: string, policy: PasswordPolicy): Check[] {
  const length = passwordLength(password, policy);
  const refused = refusedCharacter(password, policy.allowedRanges);
  const classes = characterClasses(password).length;
  return [
    {
      id: 'length',
      ok: length >= policy.minLength && length <= policy.maxLength,
      label:
        length > policy.maxLength
          ? `At most ${policy.maxLength} characters (now ${length}${countsAsTwo(password, policy)})`
          : `At least ${policy.minLength} characters${length > 0 ? ` (now ${length}${countsAsTwo(password, policy)})` : ''}`,
    },
    {
      id: 'characters',
      ok: length > 0 && refused === undefined,
      label: refused
        ? `Remove ${refused}: ${policy.directoryName} accepts only ${policy.allowedDescription}`
        : `Only characters ${policy.directoryName} accepts`,
    },
    {
      id: 'classes',
      ok: classes >= policy.requiredClasses,
      label: `At least ${policy.requiredClasses} of: lowercase, uppercase, digits, symbols (now ${classes})`,
    },
    { id: 'match', ok: password.length > 0 && password === confirmation, label: 'Both passwords match' },
  ];
}
