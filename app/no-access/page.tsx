import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { GroupsClaimNotice } from '@/components/groups-claim-notice';
import { SignOutButton } from '@/components/sign-out-button';
import { getActor } from '@/lib/auth/actor';
import { loadPolicy } from '@/lib/access/policy';
import { appendEvent } from '@/lib/audit/store';
import { log } from '@/lib/log';
import { config } from '@/lib/config';

export const metadata: Metadata = { title: 'No access' };

export default async function NoAccessPage() {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  if (actor.role !== 'none') redirect('/users');
  // DESIGN.md §4 rule 2: a signed-in operator without a role is turned away, and that is recorded.
  await appendEvent({
    type: 'access.denied',
    actor: { subject: actor.subject, email: actor.email, name: actor.name, role: actor.role },
    outcome: 'denied',
    errorCode: 'no-role',
  }).catch((err: unknown) => log.error({ err: (err as Error).message }, 'audit: no-access event not written'));
  const adminGroups = [...loadPolicy(config().accessPolicyFile).adminGroups];
  return (
    <main className="page narrow">
      <h1>You have no access to this portal</h1>
      <p>
        You are signed in as <strong>{actor.name}</strong> ({actor.email}), but none of your groups gives you a role here.
      </p>
      <GroupsClaimNotice />
      <p>
        To get access, ask an IT administrator
        {adminGroups.length > 0 ? (
          <>
            {' '}
            (a member of <strong>{adminGroups.join(', ')}</strong>)
          </>
        ) : null}{' '}
        to add one of your groups to the portal&apos;s access policy as a team lead for your WorkMail groups.
      </p>
      <SignOutButton />
    </main>
  );
}
