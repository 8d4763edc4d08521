import type { MemberState, WaveMember } from '@/lib/migrations/types';

/** The people of a wave with their state and, for the excluded and the failed, why. */
export function WaveMembers({ caption, members, labels }: { caption: string; members: WaveMember[]; labels: Record<MemberState, string> }) {
  if (members.length === 0) return null;
  return (
    <table className="users">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr key={m.position}>
            <td>
              <bdi>{m.displayName}</bdi>
            </td>
            <td>{m.email ?? m.username}</td>
            <td>
              {labels[m.state]}
              {m.reason ? `: ${m.reason}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
