import { describe, expect, it } from 'vitest';
import { outcomeWords } from './words';

const event = (type: string, outcome: string, errorCode: string | null = null, repeatCount: number | null = null) =>
  ({ type, outcome, errorCode, repeatCount }) as Parameters<typeof outcomeWords>[0];

describe('audit outcomes in words', () => {
  it.each([
    [event('password.reset.succeeded', 'succeeded'), 'Reset'],
    [event('notice.sent', 'sent'), 'Notice sent to the person'],
    [event('notice.failed', 'failed', 'smtp-refused'), 'Notice not sent: smtp refused'],
    [event('handover.revealed', 'revealed'), 'One-time link opened'],
    [event('password.reset.refused', 'refused', 'protected'), 'Refused: protected'],
    [event('access.denied', 'denied', 'not-yours'), 'Refused: not theirs to reset'],
    [event('password.reset.failed', 'failed', 'directory-unavailable'), 'Failed: directory unavailable'],
    [event('rate.limited', 'refused', 'rate-limit-target'), 'Refused: too many resets of this person'],
    [event('password.reset.invalid', 'invalid', 'weak-password'), 'Not accepted: password too weak'],
    [event('sign-in', 'signed-in'), 'Signed in'],
    [event('password.reset.requested', 'requested'), 'Requested, no outcome recorded'],
    [event('access.denied', 'denied', 'no-role', 12), 'Refused: no role in the portal (12 times)'],
    [event('handover.viewed', 'viewed', 'some-new-code'), 'Viewed: some new code'],
  ])('%o reads %s', (e, words) => {
    expect(outcomeWords(e)).toBe(words);
  });
});
