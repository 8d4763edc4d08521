import { describe, expect, it } from 'vitest';
import { generatePassword } from './generate';
import { checklist, DEFAULT_POLICY, passwordLength, refusedCharacter } from './policy';
import { resetPasswordSchema } from '../reset/schema';
import { contextWords, estimateStrength, STRENGTH_CAP, withoutContext, withoutRepeats, type Scorer } from './strength';
import { EXAMPLE_ORG_ID } from '../../emulators/workmail/seed';

/** A directory that takes Latin-1 only, as WorkMail does (lib/providers/workmail/provider.ts). */
const LATIN_1 = [[0x20, 0xff]] as const;

const base = { organizationId: EXAMPLE_ORG_ID, userId: 'u-1', binding: 'b' };

describe('password rules', () => {
  it.each([
    ['😀', 'U+1F600'],
    ['中', 'U+4E2D'],
    ['Ж', 'U+0416'],
    ['\u0007', 'control character (U+0007)'],
    ['\u0085', 'control character (U+0085)'],
  ])('names the refused character %s', (char, expected) => {
    expect(refusedCharacter(`Abc-def-123${char}`, LATIN_1)).toContain(expected);
  });

  it('accepts Latin-1 letters and spaces', () => {
    expect(refusedCharacter('Ünïcödé Pässwört 12', LATIN_1)).toBeUndefined();
  });

  it('lists what is missing, and the schema refuses the same things without echoing the password', () => {
    const checks = checklist('short', 'other', DEFAULT_POLICY);
    expect(checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['length', 'classes', 'match']);
    const parsed = resetPasswordSchema(DEFAULT_POLICY).safeParse({ ...base, password: 'short', confirmation: 'other' });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues)).not.toContain('short');
    const long = `Aa1-${'x'.repeat(253)}`;
    expect(resetPasswordSchema(DEFAULT_POLICY).safeParse({ ...base, password: long, confirmation: long }).success).toBe(false);
    const ok = 'Valid-Passw0rd-Here';
    expect(resetPasswordSchema(DEFAULT_POLICY).safeParse({ ...base, password: ok, confirmation: ok }).success).toBe(true);
  });

  it('counts length as the directory does: Active Directory’s 256 is UTF-16 units, so an emoji is two', () => {
    // 255 characters, one of them an emoji: 256 UTF-16 units (fits AD), then one more letter (does not).
    const fits = `Aa1-${'x'.repeat(250)}😀`;
    expect([...fits].length).toBe(255);
    const ad = { ...DEFAULT_POLICY, countsIn: 'utf16-units' as const, directoryName: 'Active Directory' };
    expect(passwordLength(fits, ad)).toBe(256);
    expect(checklist(fits, fits, ad).find((c) => c.id === 'length')?.ok).toBe(true);
    const over = `${fits}y`;
    const length = checklist(over, over, ad).find((c) => c.id === 'length')!;
    expect(length).toMatchObject({
      ok: false,
      label: 'At most 256 characters (now 257; Active Directory counts an emoji or rare character as two)',
    });
    expect(resetPasswordSchema(ad).safeParse({ ...base, password: over, confirmation: over }).success).toBe(false);
    // A directory that counts characters takes the same password.
    expect(checklist(over, over, DEFAULT_POLICY).find((c) => c.id === 'length')?.ok).toBe(true);
  });
});

describe('strength', () => {
  const NOW = new Date(Date.UTC(2026, 10, 28));
  const jane = contextWords(
    { username: 'jane.doe', displayName: 'Jane Doe', email: 'jane.doe@example.com', organizationAlias: 'example' },
    NOW,
  );
  const pat = contextWords(
    { username: 'pat.doe', displayName: 'Pat Doe', email: 'pat.doe@example.com', organizationAlias: 'example' },
    NOW,
  );

  it('rates the person’s own name as weak and an unrelated passphrase as strong', () => {
    expect(estimateStrength('Jane.Doe2026!', jane).score).toBeLessThan(3);
    expect(estimateStrength('Orchid-Tandem-Quarry-84', jane).score).toBeGreaterThanOrEqual(3);
  });

  it('takes the parts of names, the organization and this year and the next as context', () => {
    expect(pat).toEqual(expect.arrayContaining(['pat', 'doe', 'pat doe', 'pat.doe', 'example', '2026', '2027']));
    expect(contextWords({ username: 'PatDoe', displayName: 'Pat', organizationAlias: 'example' }, NOW)).toEqual(
      expect.arrayContaining(['pat', 'doe']),
    );
  });

  it.each([
    ['PatDoe-Example-2026!', pat],
    ['Doe.Pat2027', pat],
    ['example-pat-doe-2026', pat],
    ['EXAMPLE_Doe_Pat_2027?', pat],
    ['P@tD0e-3x4mple-2026', pat],
    ['2026Example!PatDoe#', pat],
    ['eoDtaP-Example-2026', pat],
    ['example-jane-doe-2026', jane],
    ['JaneDoeExample2027!!', jane],
    ['Jane.Doe.Example.2026.Jane.Doe', jane],
  ])('refuses %s: the person’s words, glued or capitalised, however many', (password, words) => {
    const strength = estimateStrength(password, words);
    expect(strength.score).toBeLessThan(DEFAULT_POLICY.minScore);
    expect(strength.warning).toBeTruthy();
  });

  it('still passes generated passwords and unrelated passphrases that share a word with the person', () => {
    for (let i = 0; i < 50; i++) expect(estimateStrength(generatePassword(), pat).score).toBeGreaterThanOrEqual(DEFAULT_POLICY.minScore);
    expect(estimateStrength('Example-Orchid-Tandem-Quarry-84', jane).score).toBeGreaterThanOrEqual(DEFAULT_POLICY.minScore);
  });

  it('scores the first 64 characters with zxcvbn, never more at once, and the rest linearly', () => {
    const scored: string[] = [];
    // A scorer that calls every window weak, so none is skipped for having reached the top score.
    const spy: Scorer = (text) => {
      scored.push(text);
      return { guesses: 2 };
    };
    // 256 printable characters with no repeat at any period up to 94.
    const long = Array.from({ length: 256 }, (_, i) => String.fromCharCode(33 + ((i * 23) % 94))).join('');
    estimateStrength(long, [], spy);
    expect(STRENGTH_CAP).toBe(64);
    expect(scored.every((t) => t.length <= STRENGTH_CAP)).toBe(true);
    expect(scored.join('')).toBe(long.slice(0, 64));
    expect(withoutRepeats(long)).toBe(long);
    expect(estimateStrength('a'.repeat(256), jane).score).toBe(0);
  });

  it('lets a long repeat add nothing, and new characters beyond the cap count', () => {
    expect(withoutRepeats('ab'.repeat(128))).toBe('abab');
    expect(withoutRepeats('Jane.Doe2026!'.repeat(20))).toBe('Jane.Doe2026!Ja');
    expect(estimateStrength('a'.repeat(256), []).score).toBe(0);
    expect(estimateStrength('P@ssw0rd'.repeat(32), []).score).toBeLessThan(DEFAULT_POLICY.minScore);
    expect(estimateStrength(`${'a'.repeat(64)}Orchid-Tandem-Quarry-84`, []).score).toBeGreaterThanOrEqual(3);
  });

  it('finds the person’s words in any case, in l33t and reversed', () => {
    expect(withoutContext('P@tD0e-Example-2026!', pat)).toEqual({ rest: '--!', found: 4 });
    expect(withoutContext('Orchid-Tandem', pat)).toEqual({ rest: 'Orchid-Tandem', found: 0 });
  });
});

describe('the generator', () => {
  it('makes different, typable passwords of at least 20 characters that pass every rule', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      seen.add(p);
      expect(p.length).toBeGreaterThanOrEqual(20);
      expect(p).toMatch(/^[A-Za-z0-9-]+$/);
      expect(checklist(p, p, DEFAULT_POLICY).every((c) => c.ok)).toBe(true);
    }
    expect(seen.size).toBe(200);
    expect(estimateStrength(generatePassword(), []).score).toBeGreaterThanOrEqual(3);
  });
});
