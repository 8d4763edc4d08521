import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { GroupsClaimNotice } from '@/components/groups-claim-notice';
import { SignOutButton } from '@/components/sign-out-button';
import { getActor } from '@/lib/auth/current-actor';
import { appendBounded } from '@/lib/audit/repeats';
import { log } from '@/lib/log';

export const metadata: Metadata = { title: 'No access' };

export default async function NoAccessPage() {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  if (actor.role !== 'none') redirect('/users');
  // A signed-in operator without a role is turned away, and that is recorded,
  // bounded like every refusal (lib/audit/repeats.ts): reloading this page cannot flood the log.
  await appendBounded({
    type: 'access.denied',
    actor: { subject: actor.subject, email: actor.email, name: actor.name, role: actor.role },
    outcome: 'denied',
    errorCode: 'no-role',
  }).catch((err: unknown) => log.error({ err: (err as Error).message }, 'audit: no-access event not written'));
  // Whom to ask, not which identity-provider group grants admin: that name helps only an attacker.
  return (
    <main className="page narrow">
      <h1>You have no access to this portal</h1>
      <p>
        You are signed in as{' '}
        <strong>
          <bdi>{actor.name}</bdi>
        </strong>{' '}
        (<bdi>{actor.email}</bdi>), but none of your groups gives you a role here.
      </p>
      <GroupsClaimNotice />
      <p>
        To get access, ask your IT administrators (the team that runs this portal) to give you a role: as a team lead for your WorkMail
        groups, for example.
      </p>
      <SignOutButton />
    </main>
  );
}
