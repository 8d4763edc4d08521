/** HANDOVER_MODE and the link-mode form: the server's password, never one the operator sent. */
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ORG_ID } from '../../emulators/workmail/seed';
import { operatorSeesPassword } from './handover-mode';
import { serverGeneratedResetSchema } from './schema';

describe('HANDOVER_MODE', () => {
  it('lets the operator see the password except with link only', () => {
    expect([operatorSeesPassword('show'), operatorSeesPassword('both'), operatorSeesPassword('link')]).toEqual([true, true, false]);
  });
});

describe('the server-generated form (link mode)', () => {
  const form = { organizationId: EXAMPLE_ORG_ID, userId: 'u-1', binding: 'b', reason: ' INC-1 ', requireChange: 'on' };

  it('drops a password sent anyway, so the operator cannot choose it', () => {
    const parsed = serverGeneratedResetSchema().parse({ ...form, password: 'Operator-Chosen-1', confirmation: 'Operator-Chosen-1' });
    expect(parsed).toEqual({ organizationId: EXAMPLE_ORG_ID, userId: 'u-1', binding: 'b', reason: 'INC-1', requireChange: true });
  });

  it('checks the target fields as the typed form does', () => {
    expect(serverGeneratedResetSchema().safeParse({ ...form, organizationId: 'not an id' }).success).toBe(false);
    expect(serverGeneratedResetSchema().safeParse({ ...form, reason: 'a\nb' }).success).toBe(false);
  });
});
