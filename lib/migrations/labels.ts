/** Words for wave and member states, shared by the pages. */
import type { MemberState, WaveState } from './types';

export const WAVE_STATE_LABEL: Record<WaveState, string> = {
  'awaiting-approval': 'Awaiting approval by a second admin',
  approved: 'Approved, not started',
  running: 'Running',
  finished: 'Finished',
  cancelled: 'Cancelled',
};

export const MEMBER_STATE_LABEL: Record<MemberState, string> = {
  pending: 'To reset',
  claimed: 'Resetting',
  succeeded: 'Reset',
  failed: 'Not reset',
  excluded: 'Excluded',
};
