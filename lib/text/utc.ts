/** Times as operators in different time zones read them without doubt: always UTC, and saying so. */

/** "2026-11-27 13:05:12 UTC", from ISO 8601 text. */
export const utcDateTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** "13:05 UTC": a time later today, such as when a rate limit lets go. */
export const utcTime = (date: Date) => `${date.toISOString().slice(11, 16)} UTC`;
