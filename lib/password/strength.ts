/**
 * Password strength with zxcvbn, the same way in the browser worker and on the server: the text
 * is capped (zxcvbn is super-linear on long input, dropbox/zxcvbn#69) and the person's own words
 * are context, so "Jane.Doe2026!" is weak for Jane Doe.
 */
import zxcvbn from 'zxcvbn';
import { STRENGTH_LABELS } from './labels';

export { STRENGTH_LABELS };

/** zxcvbn scores at most this many characters; longer passwords keep their full length check. */
export const STRENGTH_CAP = 32;


export interface StrengthContext {
  username: string;
  displayName: string;
  email?: string;
  organizationAlias: string;
}

export function contextWords(context: StrengthContext): string[] {
  const words = new Set<string>();
  const add = (text: string | undefined) => {
    if (!text) return;
    words.add(text.toLowerCase());
    for (const part of text.toLowerCase().split(/[\s._@+-]+/)) if (part.length > 1) words.add(part);
  };
  add(context.username);
  add(context.displayName);
  add(context.email?.split('@')[0]);
  add(context.organizationAlias);
  return [...words];
}

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  label: (typeof STRENGTH_LABELS)[number];
  /** zxcvbn's own advice, in English; never contains the password. */
  warning?: string;
}

export function estimateStrength(password: string, words: readonly string[]): Strength {
  const result = zxcvbn(password.slice(0, STRENGTH_CAP), [...words]);
  const score = result.score as Strength['score'];
  return { score, label: STRENGTH_LABELS[score], warning: result.feedback.warning || undefined };
}
