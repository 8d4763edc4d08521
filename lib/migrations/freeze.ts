import 'server-only';
/**
 * The freeze (docs/migrations.md): while a wave's freeze window holds, a single reset of one of its
 * people is refused for everyone but admins, so nobody changes a password the migration tool is
 * using. Asked by the single reset on the server (lib/reset/perform-reset.ts), after can().
 */
import type { Actor } from '../access/actor';
import type { AuditDatabase } from '../audit/db';
import { utcDateTime } from '../text/utc';
import { db, freezingWave } from './store';

export interface Freeze {
  waveId: string;
  /** "in migration wave Sales pilot until 1 Dec 2026, 09:00:00 UTC" */
  text: string;
}

export async function freezeFor(
  actor: Pick<Actor, 'role'>,
  organizationId: string,
  personId: string,
  now = new Date(),
  handle?: AuditDatabase,
): Promise<Freeze | undefined> {
  if (actor.role === 'admin') return undefined;
  const wave = await freezingWave(await db(handle), organizationId, personId, now);
  return wave && { waveId: wave.id, text: `in migration wave ${wave.name} until ${utcDateTime(wave.freeze_until)}` };
}
