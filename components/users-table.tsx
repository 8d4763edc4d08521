import Link from 'next/link';
import { reasonText } from '@/lib/access/can';
import { personPath, STATE_LABEL } from '@/lib/people/labels';
import type { SearchRow } from '@/lib/people/search';
import { wordingFor } from '@/lib/portal';

export function UsersTable({ rows, organizationAlias, caption }: { rows: SearchRow[]; organizationAlias: string; caption: string }) {
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
            <td>
              {reset.allowed ? (
                'You can reset'
              ) : (
                <span className="muted">{reasonText(reset.reason, wordingFor(person.organizationId))}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
