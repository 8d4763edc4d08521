import Link from 'next/link';
import { reasonText } from '@/lib/access/can';
import { personPath, STATE_LABEL } from '@/lib/people/labels';
import type { SearchRow } from '@/lib/people/search';
import type { ProviderWording } from '@/lib/directory/provider';

/** One organization's people; `wording` is its provider's (the refusals whose advice depends on the directory). */
export function UsersTable({
  rows,
  organizationAlias,
  caption,
  wording,
}: {
  rows: SearchRow[];
  organizationAlias: string;
  caption: string;
  wording: Pick<ProviderWording, 'refusals'>;
}) {
  return (
    <table className="users">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">State</th>
          <th scope="col">Reset</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ person, reset }) => (
          <tr key={person.id}>
            <td>
              <Link href={personPath(organizationAlias, person.id)}>
                <bdi>{person.displayName}</bdi>
              </Link>
              <div className="muted">
                <bdi>{person.username}</bdi>
              </div>
            </td>
            <td>{person.email ? <bdi>{person.email}</bdi> : '—'}</td>
            <td>{STATE_LABEL[person.state]}</td>
            <td>{reset.allowed ? 'You can reset' : <span className="muted">{reasonText(reset.reason, wording)}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
