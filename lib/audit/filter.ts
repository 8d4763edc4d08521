/**
 * The audit page's filters, read from the URL (the URL is the state: a filtered view can be
 * shared, and the CSV export takes the same parameters). Isomorphic and pure.
 */
import { z } from 'zod';
import { firstParam, type SearchParams } from '../search-params';

export const OUTCOMES = ['succeeded', 'failed', 'refused', 'denied', 'invalid', 'requested', 'signed-in', 'exported', 'purged'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string) =>
  DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

const schema = z
  .object({
    operator: z.string().trim().max(200, 'Operator: at most 200 characters.').optional(),
    person: z.string().trim().max(200, 'Person: at most 200 characters.').optional(),
    outcome: z.enum(OUTCOMES, { message: 'Outcome: choose one from the list.' }).optional(),
    from: z.string().refine(isDay, 'From: a date like 2026-11-27.').optional(),
    to: z.string().refine(isDay, 'To: a date like 2026-11-27.').optional(),
    page: z.coerce
      .number({ message: 'Page: a whole number.' })
      .int('Page: a whole number.')
      .min(1, 'Page: 1 or more.')
      .max(1_000_000)
      .default(1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The From date is after the To date.' });

export type AuditFilter = z.infer<typeof schema>;

/** Empty fields mean "any"; a bad value is reported, never guessed at, and filters nothing. */
export function parseAuditFilter(params: SearchParams): { ok: true; filter: AuditFilter } | { ok: false; problems: string[] } {
  const values: Record<string, string> = {};
  for (const key of ['operator', 'person', 'outcome', 'from', 'to', 'page']) {
    const value = firstParam(params[key])?.trim();
    if (value) values[key] = value;
  }
  const result = schema.safeParse(values);
  return result.success ? { ok: true, filter: result.data } : { ok: false, problems: result.error.issues.map((i) => i.message) };
}

/** The filter back as URL parameters (page left out unless asked), for links and the export. */
export function filterParams(filter: Partial<AuditFilter>, page?: number): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['operator', 'person', 'outcome', 'from', 'to'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (page && page > 1) params.set('page', String(page));
  return params;
}

/** UTC bounds of the date range: `to` includes its whole day. */
export function timeBounds(filter: AuditFilter): { since?: string; before?: string } {
  const next = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    since: filter.from ? new Date(`${filter.from}T00:00:00Z`).toISOString() : undefined,
    before: filter.to ? next(filter.to) : undefined,
  };
}
