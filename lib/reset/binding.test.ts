/** The reset form's binding, with a fixed clock: pinned to person, operator and issue time, refused when stale. */
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ORG_ID, SUBSIDIARY_ORG_ID } from '../../emulators/workmail/seed';

const ORG = EXAMPLE_ORG_ID;
const ISSUED = new Date('2026-11-28T10:00:00Z');
const minutesLater = (m: number) => new Date(ISSUED.getTime() + m * 60_000);
let lib: typeof import('./binding');

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = 'binding-test-secret-0123456789abcdef';
  delete process.env.SESSION_IDLE_MINUTES;
  lib = await import('./binding');
});

describe('the reset form binding', () => {
  it('holds the issue time and is valid for the same person and operator within the idle limit', () => {
    const binding = lib.formBinding(ORG, 'person-1', 'bob', ISSUED);
    expect(binding.startsWith(`${ISSUED.getTime() / 1000}.`)).toBe(true);
    expect(lib.checkBinding(binding, ORG, 'person-1', 'bob', ISSUED)).toBe('valid');
    expect(lib.checkBinding(binding, ORG, 'person-1', 'bob', minutesLater(30))).toBe('valid');
  });

  it('is expired once older than SESSION_IDLE_MINUTES (30 by default)', () => {
    const binding = lib.formBinding(ORG, 'person-1', 'bob', ISSUED);
    expect(lib.checkBinding(binding, ORG, 'person-1', 'bob', minutesLater(30.1))).toBe('expired');
    expect(lib.checkBinding(binding, ORG, 'person-1', 'bob', minutesLater(600))).toBe('expired');
  });

  it('is foreign for another person, organization or operator, or with its issue time changed', () => {
    const binding = lib.formBinding(ORG, 'person-1', 'bob', ISSUED);
    expect(lib.checkBinding(binding, ORG, 'person-2', 'bob', ISSUED)).toBe('foreign');
    expect(lib.checkBinding(binding, SUBSIDIARY_ORG_ID, 'person-1', 'bob', ISSUED)).toBe('foreign');
    expect(lib.checkBinding(binding, ORG, 'person-1', 'alice', ISSUED)).toBe('foreign');
    const [, digest] = binding.split('.');
    const refreshed = `${ISSUED.getTime() / 1000 + 3600}.${digest}`;
    expect(lib.checkBinding(refreshed, ORG, 'person-1', 'bob', minutesLater(61))).toBe('foreign');
  });

  it('is foreign when malformed, in the old form without a time, or issued in the future', () => {
    for (const bad of ['', 'x', `${ISSUED.getTime() / 1000}`, `${ISSUED.getTime() / 1000}.`, 'a'.repeat(43), `-1.${'a'.repeat(43)}`]) {
      expect(lib.checkBinding(bad, ORG, 'person-1', 'bob', ISSUED), bad).toBe('foreign');
    }
    const future = lib.formBinding(ORG, 'person-1', 'bob', minutesLater(10));
    expect(lib.checkBinding(future, ORG, 'person-1', 'bob', ISSUED)).toBe('foreign');
  });
});
