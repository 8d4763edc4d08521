/**
 * The portal's one way of writing a time: "27 Nov 2026, 13:05:12 UTC" (the day as the person page
 * writes dates, a 24-hour clock, and the zone named). Pages show operators their own zone
 * (components/local-time.tsx) with UTC beside it; exports and messages that cannot know the
 * reader's zone say UTC.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

/** `iso` in `timeZone` (the runtime's own zone when undefined), e.g. "27 Nov 2026, 14:05:12 CET". */
export function dateTimeText(iso: string, timeZone?: string): string {
  const key = timeZone ?? '';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      timeZone,
    });
    formats.set(key, format);
  }
  return format.format(new Date(iso));
}

/** "27 Nov 2026, 13:05:12 UTC", from ISO 8601 text. */
export const utcDateTime = (iso: string) => dateTimeText(iso, 'UTC');

/** "13:05 UTC": a time later today, such as when a rate limit lets go. */
export const utcTime = (date: Date) => `${date.toISOString().slice(11, 16)} UTC`;
