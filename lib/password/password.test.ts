import { describe, expect, it } from 'vitest';
import { generatePassword } from './generate';
import { checklist, DEFAULT_POLICY, refusedCharacter } from './policy';
import { resetPasswordSchema } from './schema';
import { contextWords, estimateStrength, STRENGTH_CAP } from './strength';

const base = { organizationId: 'm-0123456789abcdef0123456789abcdef', userId: 'u-1', binding: 'b' };

describe('password rules', () => {
  it.each([
    ['😀', 'U+1F600'],
    ['中', 'U+4E2D'],
    ['Ж', 'U+0416'],
    ['\u0007', 'control character (U+0007)'],
    ['\u0085', 'control character (U+0085)'],
  ])('names the refused character %s', (char, expected) => {
    expect(refusedCharacter(`Abc-def-123${char}`)).toContain(expected);
  });

  it('accepts Latin-1 letters and spaces', () => {
    expect(refusedCharacter('Ünïcödé Pässwört 12')).toBeUndefined();
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
});

describe('strength', () => {
  it('rates the person’s own name as weak and an unrelated passphrase as strong', () => {
    const words = contextWords({ username: 'jane.doe', displayName: 'Jane Doe', email: 'jane.doe@example.com', organizationAlias: 'example' });
    expect(estimateStrength('Jane.Doe2026!', words).score).toBeLessThan(3);
    expect(estimateStrength('Orchid-Tandem-Quarry-84', words).score).toBeGreaterThanOrEqual(3);
  });

  it('scores only the first characters, so long input stays cheap', () => {
    const capped = estimateStrength('a'.repeat(STRENGTH_CAP), []);
    expect(estimateStrength('a'.repeat(256), []).score).toBe(capped.score);
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
