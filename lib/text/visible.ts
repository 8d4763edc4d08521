/**
 * Directory text with its invisible characters made visible. A display name can carry format
 * characters (bidi overrides and isolates, zero-width joiners and spaces, the BOM), control
 * characters or blank "fillers" that render as nothing, yet change what the rest of the text
 * appears to say ("Jane Doe U+202E(moc.elpmaxe@..." reads backwards). Where an operator inspects a
 * person, each such character is shown as an escape like ⟨U+202E⟩ instead.
 */

/** Format (Cf), control (Cc), line and paragraph separators, and the Hangul fillers that draw nothing. */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');

export type Segment = { text: string } | { escape: string };

/** "U+202E" for one character (code points above U+FFFF get five or six digits). */
export const codePoint = (char: string): string => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export const hasInvisible = (text: string): boolean => INVISIBLE.test(text);

/** The text split into plain runs and escapes, for a component to style the escapes apart. */
export function visibleSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(INVISIBLE_ALL)) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index) });
    segments.push({ escape: codePoint(match[0]) });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

/** The same as one string: "Jane Doe ⟨U+202E⟩(moc.elpmaxe". */
export const visibleText = (text: string): string =>
  visibleSegments(text)
    .map((s) => ('escape' in s ? `⟨${s.escape}⟩` : s.text))
    .join('');
