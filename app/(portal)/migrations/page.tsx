import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NewWaveForm } from '@/components/new-wave-form';
import { requireActor } from '@/lib/auth/current-actor';
import { wavesOf } from '@/lib/migrations/view';
import { WAVE_STATE_LABEL } from '@/lib/migrations/labels';
import { utcDateTime } from '@/lib/text/utc';

export const metadata: Metadata = { title: 'Migration waves' };

/** Admins only (docs/migrations.md): anyone else finds no such page. */
export default async function MigrationsPage() {
  const actor = await requireActor();
  if (actor.role !== 'admin') notFound();
  const waves = await wavesOf(actor);
  const organizations = [...actor.organizations.values()].map((o) => ({ id: o.organizationId, alias: o.alias }));
  return (
    <>
      <h1>Migration waves</h1>
      <p className="muted">
        Reset a group’s passwords for a mailbox migration tool: a second admin approves, the passwords are generated here and downloaded
        once as the tool’s CSV.
      </p>
      {waves.length > 0 ? (
        <table className="users">
          <caption>Waves, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {waves.map((w) => (
              <tr key={w.id}>
                <td>
                  <Link href={`/migrations/${w.id}`}>{w.name}</Link>
                </td>
                <td>{WAVE_STATE_LABEL[w.state]}</td>
                <td>
                  {utcDateTime(w.createdAt)} by {w.createdBy.name}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">No waves yet.</p>
      )}
      <h2>New wave</h2>
      <NewWaveForm organizations={organizations} now={new Date().toISOString().slice(0, 16)} />
    </>
  );
}
