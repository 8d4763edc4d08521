import Link from 'next/link';
import type { ReactNode } from 'react';
import { SignOutButton } from '@/components/sign-out-button';
import { ROLE_LABEL } from '@/lib/access/actor';
import { requireActor } from '@/lib/auth/current-actor';

/** The shell around every portal page: who is signed in, with which role, and Sign out. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const scope =
    actor.role === 'lead'
      ? [...actor.organizations.values()].map((o) => `${Array.isArray(o.scope) ? o.scope.join(', ') : ''} (${o.alias})`).join('; ')
      : undefined;
  return (
    <>
      <header className="shell">
        <Link href="/users" className="brand">
          WorkMail Reset Portal
        </Link>
        <nav aria-label="Portal" className="sections">
          <Link href="/users">People</Link>
          <Link href="/audit">Audit log</Link>
        </nav>
        <div className="operator">
          <span>
            Signed in as{' '}
            <strong>
              <bdi>{actor.name}</bdi>
            </strong>
          </span>
          <span className="role">
            Role: {ROLE_LABEL[actor.role]}
            {scope ? ` of ${scope}` : ''}
          </span>
          <SignOutButton />
        </div>
      </header>
      <main className="page">{children}</main>
    </>
  );
}
