import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { GroupsClaimNotice } from '@/components/groups-claim-notice';
import { SignOutButton } from '@/components/sign-out-button';
import { getActor } from '@/lib/auth/current-actor';
import { appendBounded } from '@/lib/audit/repeats';
import { config } from '@/lib/config';
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
  const help = config().help;
  // Most people here came for their own password: that answer first (HELP_URL / HELP_TEXT, docs/configuration.md).
  // Then whom to ask for a role, not which identity-provider group grants admin: that name helps only an attacker.
  return (
    <main id="main" className="page narrow">
      <h1>You have no access to this portal</h1>
      <section aria-labelledby="own-password">
        <h2 id="own-password">Forgot your own password?</h2>
        <p>
          This portal is for IT staff and team leads who reset other people’s mailboxes; nobody can reset their own here.{' '}
          {help.text ?? 'To reset your own mailbox password, ask your IT service desk.'}
        </p>
        {help.url ? (
          <p>
            <a href={help.url}>Get help with your own password</a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="operator-access">
        <h2 id="operator-access">Need to reset other people’s passwords?</h2>
        <p>
          You are signed in as{' '}
          <strong>
            <bdi>{actor.name}</bdi>
          </strong>{' '}
          (<bdi className="wrap">{actor.email}</bdi>), but none of your groups gives you a role here.
        </p>
        <GroupsClaimNotice />
        <p>
          To get access, ask your IT administrators (the team that runs this portal) to give you a role: as a team lead for your WorkMail
          groups, for example.
        </p>
      </section>
      <SignOutButton />
    </main>
  );
}
