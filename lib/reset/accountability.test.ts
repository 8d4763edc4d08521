import { describe, expect, it } from 'vitest';
import { activityLogNotice } from './accountability';

const base = { canForceChangeAtNextSignIn: false, hasRequestIds: true };

describe('activityLogNotice', () => {
  it('says the activity log shows only the portal when the reset runs under the portal’s own credentials', () => {
    expect(activityLogNotice({ activityLog: 'CloudTrail' }, base)).toMatch(/^CloudTrail will show only the portal/);
    expect(activityLogNotice({ activityLog: 'CloudTrail' }, { ...base, namesOperatorInActivityLog: false })).toBeDefined();
  });

  it('says nothing when the log names the operator, or the directory has no such log', () => {
    expect(activityLogNotice({ activityLog: 'CloudTrail' }, { ...base, namesOperatorInActivityLog: true })).toBeUndefined();
    expect(activityLogNotice({}, base)).toBeUndefined();
  });
});
