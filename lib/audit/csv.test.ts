import { describe, expect, it } from 'vitest';
import { csvCell, csvHeader } from './csv';

describe('the audit CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    [' padded ', '" padded "'],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers and empty fields as they are', () => {
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });

  it('names every column once, and none could hold a password', () => {
    const names = csvHeader().trim().split(',');
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => /pass|secret|token/i.test(n))).toEqual([]);
  });
});
