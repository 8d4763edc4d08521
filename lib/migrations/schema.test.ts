/** The "new wave" form's schema: every bad input gets a message naming it, and times are read as UTC. */
import { describe, expect, it } from 'vitest';
import { newWaveSchema } from './schema';

const form = (extra: Record<string, string>) => ({
  name: 'Sales cutover',
  organization: 'example',
  groups: '',
  list: '',
  format: 'm365-imap',
  freezeFrom: '2026-12-01T09:00',
  freezeUntil: '2026-12-08T09:00',
  ...extra,
});
const problems = (extra: Record<string, string>) => {
  const parsed = newWaveSchema.safeParse(form(extra));
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('the new wave form', () => {
  it('reads groups and lists, without repeats, and the freeze window as UTC', () => {
    const parsed = newWaveSchema.parse(form({ list: 'jane.doe\njohn.smith@example.com, jane.doe' }));
    expect(parsed.list).toEqual(['jane.doe', 'john.smith@example.com']);
    expect(parsed.freezeFrom).toBe('2026-12-01T09:00:00.000Z');
    expect(newWaveSchema.parse(form({ groups: 'sales, platform' })).groups).toEqual(['sales', 'platform']);
  });

  it('refuses an empty wave, groups and a list together, and a name that is not a username or email', () => {
    expect(problems({})).toEqual(['Give one or more groups, or paste a list of usernames or emails.']);
    expect(problems({ groups: 'sales', list: 'jane.doe' })).toEqual(['Give groups or a list, not both.']);
    expect(problems({ list: 'jane.doe\n=cmd|calc' })).toEqual(['Not a username or email: =cmd|calc']);
  });

  it('refuses a missing name, an unknown format, and a freeze that ends before it starts', () => {
    expect(problems({ name: '  ', groups: 'sales' })).toEqual(['Name the wave.']);
    expect(problems({ format: 'csv', groups: 'sales' })).toEqual(['Choose the migration tool.']);
    expect(problems({ groups: 'sales', freezeUntil: '2026-12-01T08:00' })).toEqual(['Freeze until must be after Freeze from.']);
    expect(problems({ groups: 'sales', freezeUntil: '2026-12-15T09:01' })).toEqual(['A freeze can last 14 days at most.']);
    expect(problems({ groups: 'sales', freezeUntil: '2026-12-15T09:00' })).toEqual([]);
    expect(problems({ groups: 'sales', freezeFrom: 'tomorrow' })).toEqual(['Freeze from: a date and time, like 2026-12-01T09:00.']);
  });
});
