import 'server-only';
/** Whether this operator's provider sent a groups claim at sign-in (recorded in the session by lib/auth/options). */
import { getServerSession } from 'next-auth';
import type { GroupsClaimStatus } from './groups';
import { authOptions } from './options';

export async function groupsClaimStatusOfSession(): Promise<GroupsClaimStatus | undefined> {
  return (await getServerSession(authOptions()))?.identity?.groupsClaim;
}
