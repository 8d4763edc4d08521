/**
 * The password rules, shared by the browser checklist and the server action (one isomorphic
 * schema, DESIGN.md §7). WorkMail accepts at most 256 characters, each in U+0020–U+00FF
 * (ResetPassword API reference); the portal also refuses control characters in that range.
 */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** How many of lowercase, uppercase, digits and other characters must appear. */
  requiredClasses: number;
  /** The lowest acceptable zxcvbn score, 0–4. */
  minScore: number;
}

export const WORKMAIL_MAX_LENGTH = 256;

export const DEFAULT_POLICY: PasswordPolicy = { minLength: 12, maxLength: WORKMAIL_MAX_LENGTH, requiredClasses: 3, minScore: 3 };

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

/** The first character WorkMail (or the portal) will not take, described so a person can find it. */
export function refusedCharacter(password: string): string | undefined {
  for (const char of password) {
    const cp = char.codePointAt(0)!;
    const control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
    if (control) return `a control character (${codePoint(char)})`;
    if (cp > 0xff) return `“${char}” (${codePoint(char)})`;
  }
  return undefined;
}

export type CheckId = 'length' | 'characters' | 'classes' | 'match';

export interface Check {
  id: CheckId;
  ok: boolean;
  label: string;
}

/** The checklist the form shows as the operator types; the same rules the server enforces. */
export function checklist(password: string, confirmation: string, policy: PasswordPolicy): Check[] {
  const length = [...password].length;
  const refused = refusedCharacter(password);
  const classes = characterClasses(password).length;
  return [
    {
      id: 'length',
      ok: length >= policy.minLength && length <= policy.maxLength,
      label:
        length > policy.maxLength
          ? `At most ${policy.maxLength} characters (now ${length})`
          : `At least ${policy.minLength} characters${length > 0 ? ` (now ${length})` : ''}`,
    },
    {
      id: 'characters',
      ok: length > 0 && refused === undefined,
      label: refused ? `Remove ${refused}: WorkMail accepts only Latin-1 letters, digits, symbols and spaces` : 'Only characters WorkMail accepts',
    },
    {
      id: 'classes',
      ok: classes >= policy.requiredClasses,
      label: `At least ${policy.requiredClasses} of: lowercase, uppercase, digits, symbols (now ${classes})`,
    },
    { id: 'match', ok: password.length > 0 && password === confirmation, label: 'Both passwords match' },
  ];
}
