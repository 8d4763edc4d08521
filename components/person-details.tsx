import type { PersonWithGroups } from '@/lib/directory/types';
import { KIND_LABEL, STATE_LABEL } from '@/lib/people/labels';
import { hasInvisible } from '@/lib/text/visible';
import { VisibleText } from './visible-text';

const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export function PersonDetails({
  person,
  organizationAlias,
  permalink,
  externalIdentitySource,
}: {
  person: PersonWithGroups;
  organizationAlias: string;
  permalink: string;
  /** The provider's name for the source that owns an externally managed person's password. */
  externalIdentitySource: string;
}) {
  return (
    <dl className="details">
      {/* The heading shows the name as the directory holds it; here, whatever hides in it. */}
      {hasInvisible(person.displayName) ? (
        <>
          <dt>Display name</dt>
          <dd>
            <VisibleText text={person.displayName} /> <span className="muted">(contains invisible characters)</span>
          </dd>
        </>
      ) : null}
      <dt>Email</dt>
      <dd>{person.email ? <VisibleText text={person.email} /> : '—'}</dd>
      <dt>Username</dt>
      <dd>
        <VisibleText text={person.username} />
      </dd>
      <dt>State</dt>
      <dd>
        {STATE_LABEL[person.state]}
        {person.lockedOut ? ', locked out after wrong passwords (a new password does not unlock the account)' : ''}
      </dd>
      <dt>Kind</dt>
      <dd>
        {KIND_LABEL[person.kind]}
        {person.externallyManaged ? `, signs in through ${externalIdentitySource}` : ''}
      </dd>
      <dt>Enabled</dt>
      <dd>{person.enabledAt ? `${date.format(person.enabledAt)} (UTC)` : '—'}</dd>
      <dt>Groups</dt>
      <dd>
        {person.groups.length > 0
          ? person.groups.map((group, i) => (
              <span key={group}>
                {i > 0 ? ', ' : null}
                <VisibleText text={group} />
              </span>
            ))
          : 'None'}
      </dd>
      <dt>Organization</dt>
      <dd>{organizationAlias}</dd>
      <dt>Permanent link</dt>
      <dd>
        <a href={permalink}>{permalink}</a>
      </dd>
    </dl>
  );
}
