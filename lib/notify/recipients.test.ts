import { describe, expect, it } from 'vitest';
import { noticeRecipients } from './recipients';

const notify = { smtpUrl: 'smtp://127.0.0.1:4025', from: 'p@example.com', adminsTo: [] as string[], itContact: 'IT' };
const jane = { displayName: 'Jane Doe', email: 'jane.doe@example.com' };

describe('who the confirmation says will be told', () => {
  it('names the person’s mailbox, and the administrators’ copy when there is one', () => {
    expect(noticeRecipients(jane, notify)).toBe('Jane Doe by email at jane.doe@example.com (never the password)');
    expect(noticeRecipients(jane, { ...notify, adminsTo: ['sec@example.com'] })).toBe(
      'Jane Doe by email at jane.doe@example.com, with a copy to sec@example.com (never the password)',
    );
  });

  it('says nobody without a mail server, and only the copy for a person without a mailbox', () => {
    expect(noticeRecipients(jane, { ...notify, smtpUrl: undefined })).toBeUndefined();
    expect(noticeRecipients({ displayName: 'Room' }, notify)).toBeUndefined();
    expect(noticeRecipients({ displayName: 'Room' }, { ...notify, adminsTo: ['sec@example.com'] })).toBe('sec@example.com');
  });
});
