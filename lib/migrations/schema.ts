/**
 * The "new wave" form (docs/migrations.md). Times are typed as UTC (the form says so) in the
 * browser's datetime-local shape; names and lists are bounded so no input can make the server work
 * without end.
 */
import { z } from 'zod';
import { WAVE_FORMATS } from './types';

const LOCAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

const utc = (label: string) =>
  z
    .string()
    .regex(LOCAL_UTC, `${label}: a date and time, like 2026-12-01T09:00.`)
    .transform((v, ctx) => {
      const t = Date.parse(`${v.length === 16 ? `${v}:00` : v}Z`);
      if (Number.isNaN(t)) {
        ctx.addIssue({ code: 'custom', message: `${label}: not a real date.` });
        return z.NEVER;
      }
      return new Date(t).toISOString();
    });

/** Names and list entries: letters, digits and the punctuation of usernames and addresses. */
/** The longest freeze: single resets of a wave's people are refused meanwhile, so it must end (docs/migrations.md). */
export const MAX_FREEZE_DAYS = 14;

const LIST_ENTRY = /^[\p{L}\p{N}._%+@'-]{1,256}$/u;

export const newWaveSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Name the wave.')
      .max(100, 'Name: at most 100 characters.')
      .regex(/^[^\p{Cc}]*$/u, 'Name: remove line breaks and control characters.'),
    organization: z.string().min(1, 'Choose an organization.').max(64),
    groups: z
      .string()
      .max(2000)
      .transform((v) => [...new Set(v.split(/[\s,]+/).filter(Boolean))]),
    list: z
      .string()
      .max(100_000, 'The list is too long.')
      .transform((v) => [...new Set(v.split(/[\s,;]+/).filter(Boolean))]),
    format: z.enum(WAVE_FORMATS, 'Choose the migration tool.'),
    freezeFrom: utc('Freeze from'),
    freezeUntil: utc('Freeze until'),
  })
  .superRefine((form, ctx) => {
    if (form.groups.length === 0 && form.list.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['groups'], message: 'Give one or more groups, or paste a list of usernames or emails.' });
    }
    if (form.groups.length > 0 && form.list.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['list'], message: 'Give groups or a list, not both.' });
    }
    const bad = form.list.find((entry) => !LIST_ENTRY.test(entry)) ?? form.groups.find((g) => g.length > 256);
    if (bad) ctx.addIssue({ code: 'custom', path: ['list'], message: `Not a username or email: ${bad.slice(0, 40)}` });
    // Only two times that parsed (a field that failed already has its message).
    const parsed = [form.freezeFrom, form.freezeUntil].every((t) => typeof t === 'string' && t.endsWith('Z'));
    if (parsed && form.freezeUntil <= form.freezeFrom)
      ctx.addIssue({ code: 'custom', path: ['freezeUntil'], message: 'Freeze until must be after Freeze from.' });
    else if (parsed && Date.parse(form.freezeUntil) - Date.parse(form.freezeFrom) > MAX_FREEZE_DAYS * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['freezeUntil'], message: `A freeze can last ${MAX_FREEZE_DAYS} days at most.` });
  });

export type NewWaveInput = z.output<typeof newWaveSchema>;
