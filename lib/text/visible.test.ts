import { describe, expect, it } from 'vitest';
import { hasInvisible, visibleSegments, visibleText } from './visible';

describe('visible text', () => {
  it.each([
    ['Jane Doe', 'Jane Doe'],
    ['Jane Doe \u202E(moc.elpmaxe', 'Jane Doe ⟨U+202E⟩(moc.elpmaxe'],
    ['\u202Aleft\u202C \u202Bright\u202C \u202Doverride', '⟨U+202A⟩left⟨U+202C⟩ ⟨U+202B⟩right⟨U+202C⟩ ⟨U+202D⟩override'],
    ['a\u2066b\u2067c\u2068d\u2069', 'a⟨U+2066⟩b⟨U+2067⟩c⟨U+2068⟩d⟨U+2069⟩'],
    ['\u200E\u200F\u061C', '⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩'],
    ['ze\u200Bro\u200Cwidth\u200D\uFEFF', 'ze⟨U+200B⟩ro⟨U+200C⟩width⟨U+200D⟩⟨U+FEFF⟩'],
    ['soft\u00ADhyphen', 'soft⟨U+00AD⟩hyphen'],
    ['tab\there\u0000', 'tab⟨U+0009⟩here⟨U+0000⟩'],
    ['line\u2028para\u2029', 'line⟨U+2028⟩para⟨U+2029⟩'],
    ['filler\u3164', 'filler⟨U+3164⟩'],
    ['tag\u{E0041}', 'tag⟨U+E0041⟩'],
    // Visible letters of any script, and ordinary spaces, stay as they are.
    ['José Müller-Łukasz 李 שלום', 'José Müller-Łukasz 李 שלום'],
    ['', ''],
  ])('%j → %s', (input, expected) => {
    expect(visibleText(input)).toBe(expected);
    expect(hasInvisible(input)).toBe(input !== expected);
  });

  it('splits into runs and escapes for styling', () => {
    expect(visibleSegments('Jane\u202EDoe')).toEqual([{ text: 'Jane' }, { escape: 'U+202E' }, { text: 'Doe' }]);
  });
});
