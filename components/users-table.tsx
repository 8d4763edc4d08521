import Link from 'next/link';
import { reasonText } from '@/lib/access/can';
import { personPath, STATE_LABEL } from '@/lib/people/labels';
import type { OrganizationRow } from '@/lib/people/search-all';
import type { ProviderWording } from '@/lib/directory/provider';

/**
 * People found, in one organization or several (then each row names its own). A table on a wide
 * screen, stacked cards on a phone (app/globals.css); either way the last cell is what the
 * operator may do: the reset itself as a link to the person's form, or why not.
 * `wordings`: each shown organization's provider wording, looked up once per organization.
 */
export function UsersTable({
  rows,
  caption,
  showOrganization,
  wordings,
}: {
  rows: OrganizationRow[];
  caption: string;
  showOrganization: boolean;
  wordings: ReadonlyMap<string, Pick<ProviderWording, 'refusals'>>;
}) {
  return (
    <table className="users people">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">State</th>
          {showOrganization ? <th scope="col">Organization</th> : null}
          <th scope="col">What you can do</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ person, reset, organization }, i) => {
          const path = personPath(organization.alias, person.id);
          const nameId = `person-${i}`;
          return (
            <tr key={`${organization.organizationId}/${person.id}`}>
              <td className="name">
                <Link href={path} id={nameId}>
                  <bdi>{person.displayName}</bdi>
                </Link>
                <div className="muted wrap">
                  <bdi>{person.username}</bdi>
                </div>
              </td>
              <td className="wrap">{person.email ? <bdi>{person.email}</bdi> : '—'}</td>
              <td data-label="State">{STATE_LABEL[person.state]}</td>
              {showOrganization ? <td data-label="Organization">{organization.alias}</td> : null}
              <td>
                {reset.allowed ? (
                  // Named as the person page's button; whose it is comes from the row (WCAG 2.4.4, link purpose
                  // in context) and the description, so the name alone stays the only link called "Jane Doe".
                  <Link href={`${path}#reset-heading`} className="action" aria-describedby={nameId}>
                    Reset password
                  </Link>
                ) : (
                  <span className="muted">{reasonText(reset.reason, wordings.get(organization.organizationId)!)}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
