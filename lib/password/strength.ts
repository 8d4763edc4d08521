/**
 * Password strength with zxcvbn, the same way in the browser worker and on the server, with the
 * person's own words as context, so "Jane.Doe2026!" is weak for Jane Doe. Three parts:
 *  - long repeats are dropped first (one linear pass), then zxcvbn scores the first STRENGTH_CAP
 *    characters of what is left, in windows of at most 32, and each character beyond the cap
 *    counts as ten guesses: zxcvbn is super-linear on long input (dropbox/zxcvbn#69), so no input
 *    can make either side hang;
 *  - the person's words are found first, glued, capitalised, reversed or in l33t
 *    ("PatDoe-Example-2026!"): zxcvbn charges a large toll for every extra piece of a password,
 *    so a name glued to a name, the organization and the year would otherwise pass. What is left
 *    after taking them out is scored too, and the lower estimate counts.
 */
import zxcvbn from 'zxcvbn';
import { STRENGTH_LABELS } from './labels';

export { STRENGTH_LABELS };

/** zxcvbn scores this many characters (after repeats are dropped); the rest gets the linear estimate. */
export const STRENGTH_CAP = 64;

export interface StrengthContext {
  username: string;
  displayName: string;
  email?: string;
  organizationAlias: string;
}

/** The person's words: each whole and in parts, the organization alias, this year and the next. */
export function contextWords(context: StrengthContext, now = new Date()): string[] {
  const words = new Set<string>();
  const add = (text: string | undefined) => {
    if (!text) return;
    words.add(text.toLowerCase());
    // "PatDoe" and "pat.doe" both give pat and doe.
    for (const part of text
      .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)) {
      if (part.length > 1) words.add(part);
    }
  };
  add(context.username);
  add(context.displayName);
  add(context.email?.split('@')[0]);
  add(context.organizationAlias);
  const year = now.getUTCFullYear();
  words.add(String(year));
  words.add(String(year + 1));
  return [...words];
}

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  label: (typeof STRENGTH_LABELS)[number];
  /** Advice in English; never contains the password. */
  warning?: string;
}

/** What scoring one text gives: zxcvbn's guesses and advice. Injectable so tests can see what was scored. */
export type Scorer = (text: string, words: readonly string[]) => { guesses: number; warning?: string };

const zxcvbnScorer: Scorer = (text, words) => {
  const result = zxcvbn(text, [...words]);
  return { guesses: result.guesses, warning: result.feedback.warning || undefined };
};

/** zxcvbn's own thresholds from guesses to score (zxcvbn/src/scoring.coffee, guesses_to_score). */
const DELTA = 5;
/** From here on the score is 4, the highest: more windows cannot raise it. */
const TOP_SCORE_GUESSES = 1e10 + DELTA;

function scoreOf(guesses: number): Strength['score'] {
  if (guesses < 1e3 + DELTA) return 0;
  if (guesses < 1e6 + DELTA) return 1;
  if (guesses < 1e8 + DELTA) return 2;
  if (guesses < TOP_SCORE_GUESSES) return 3;
  return 4;
}

/** Common l33t stand-ins, as zxcvbn's l33t table has them. */
const L33T: Record<string, string> = {
  a: '4@',
  b: '8',
  c: '({[<',
  e: '3',
  g: '69',
  i: '1!|',
  l: '1|7',
  o: '0',
  s: '$5',
  t: '+7',
  x: '%',
  z: '2',
};

function matchesAt(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text[at + k]!;
    if (c.toLowerCase() !== word[k] && !L33T[word[k]!]?.includes(c)) return false;
  }
  return true;
}

/**
 * The password with every context word taken out (longest first, in any case, l33t or reversed),
 * and how many were found. Linear in the password's length for a given set of words.
 */
export function withoutContext(password: string, words: readonly string[]): { rest: string; found: number } {
  const pieces = [...new Set(words.flatMap((w) => (w.length > 1 ? [w, [...w].reverse().join('')] : [])))].sort(
    (a, b) => b.length - a.length,
  );
  let rest = '';
  let found = 0;
  for (let i = 0; i < password.length;) {
    const piece = pieces.find((w) => matchesAt(password, i, w));
    if (piece) {
      found++;
      i += piece.length;
    } else {
      rest += password[i];
      i++;
    }
  }
  return { rest, found };
}

/** A character that continues a run of at least this many equal to the text some period (≤ 64) before. */
const REPEAT_RUN = 3;
const MAX_PERIOD = 64;

/**
 * The password without the characters that only continue a repeat of the text before them
 * ("abab…" keeps "abab"), in one linear pass: repeats add next to nothing to the guesses.
 */
export function withoutRepeats(password: string): string {
  const run = new Array<number>(MAX_PERIOD + 1).fill(0);
  let kept = '';
  for (let i = 0; i < password.length; i++) {
    let repeated = false;
    for (let p = 1; p <= Math.min(MAX_PERIOD, i); p++) {
      run[p] = password[i] === password[i - p] ? run[p]! + 1 : 0;
      if (run[p]! >= REPEAT_RUN) repeated = true;
    }
    if (!repeated) kept += password[i];
  }
  return kept;
}

/**
 * zxcvbn's cost grows steeply past ~32 characters (on this machine a 40-character keyboard walk
 * took ten times as long as its first 32), so it scores windows of at most this many.
 */
const WINDOW = 32;

/** Splits before WINDOW at the separator nearest to it, so a word is rarely cut in two. */
function windows(text: string): string[] {
  if (text.length <= WINDOW) return [text];
  let cut = WINDOW;
  for (let d = 0; d <= 8; d++) {
    if (/[^\p{L}\p{N}]/u.test(text[WINDOW - d] ?? '')) {
      cut = WINDOW - d;
      break;
    }
  }
  return [text.slice(0, cut), ...windows(text.slice(cut))];
}

/** Guesses per character beyond the cap: the least zxcvbn gives a character it cannot explain. */
const TAIL_GUESSES_PER_CHARACTER = 10;

/** zxcvbn over the first STRENGTH_CAP characters of what is left after repeats, the rest linearly. */
function guessesOf(text: string, words: readonly string[], scorer: Scorer): { guesses: number; warning?: string } {
  const kept = withoutRepeats(text);
  let guesses = 1;
  let warning: string | undefined;
  for (const part of windows(kept.slice(0, STRENGTH_CAP))) {
    // Every window multiplies by at least 1: once the top score is reached, the rest cannot matter.
    if (guesses >= TOP_SCORE_GUESSES) break;
    const result = scorer(part, words);
    guesses *= result.guesses;
    warning ??= result.warning;
  }
  return { guesses: guesses * TAIL_GUESSES_PER_CHARACTER ** Math.max(0, kept.length - STRENGTH_CAP), warning };
}

export function estimateStrength(password: string, words: readonly string[], scorer: Scorer = zxcvbnScorer): Strength {
  let { guesses, warning } = guessesOf(password, words, scorer);
  const { rest, found } = withoutContext(password, words);
  if (found > 0) {
    const left = guessesOf(rest, [], scorer);
    if (left.guesses < guesses) {
      guesses = left.guesses;
      warning = 'Names, usernames, the organization and the year are easy to guess, however they are joined.';
    }
  }
  const score = scoreOf(guesses);
  return { score, label: STRENGTH_LABELS[score], warning };
}
