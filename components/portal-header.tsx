import Link from 'next/link';
import { ROLE_LABEL, type Actor } from '@/lib/access/actor';
import { SignOutButton } from './sign-out-button';

/** The banner of every portal page (and of the not-found page): where to go, who is signed in, Sign out. */
export function PortalHeader({ actor }: { actor: Actor | null }) {
  const scope =
    actor?.role === 'lead'
      ? [...actor.organizations.values()].map((o) => `${Array.isArray(o.scope) ? o.scope.join(', ') : ''} (${o.alias})`).join('; ')
      : undefined;
  return (
    <header className="shell">
      <Link href="/users" className="brand">
        WorkMail Reset Portal
      </Link>
      <nav aria-label="Portal" className="sections">
        <Link href="/users">People</Link>
        <Link href="/audit">Audit log</Link>
      </nav>
      {actor ? (
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
      ) : null}
    </header>
  );
}

/** The first thing a keyboard reaches: past the banner, straight to the page's own content. */
export function SkipLink() {
  return (
    <a href="#main" className="skip-link">
      Skip to main content
    </a>
  );
}
