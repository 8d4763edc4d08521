/**
 * Generated passwords: crypto-random, typable on a phone (syllables, no look-alike letters),
 * 27 characters, and passing every rule: upper and lower case, digits and a symbol. Five
 * two-syllable words from 15 consonants × 5 vowels carry about 62 bits, the two digits 6 more.
 */
const CONSONANTS = 'bdfghjkmnprstvz';
const VOWELS = 'aeiou';
const DIGITS = '23456789';

function randomIndex(n: number): number {
  // Rejection sampling keeps every choice equally likely.
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(buf);
    if (buf[0]! < limit) return buf[0]! % n;
  }
}

const pick = (chars: string) => chars[randomIndex(chars.length)]!;

function word(): string {
  const letters = `${pick(CONSONANTS)}${pick(VOWELS)}${pick(CONSONANTS)}${pick(VOWELS)}`;
  return letters[0]!.toUpperCase() + letters.slice(1);
}

export function generatePassword(): string {
  return [word(), word(), word(), word(), word(), `${pick(DIGITS)}${pick(DIGITS)}`].join('-');
}
