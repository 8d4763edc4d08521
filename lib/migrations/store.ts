import 'server-only';
/**
 * Waves and their people in the portal's database (migration 012), on SQLite and PostgreSQL alike.
 * Every change of state is a conditional update (`where state = <the state decided on>`), so two
 * admins or two instances acting at once cannot both apply a step. Times are ISO text (UTC), so
 * comparing them as text compares them as times.
 */
import type { Kysely } from 'kysely';
import { database, type AuditDatabase } from '../audit/db';
import type { MigrationWavePeopleTable, MigrationWavesTable, Tables } from '../audit/schema';
import type { MemberState, Wave, WaveFormat, WaveMember, WaveProgress, WaveState } from './types';

export type Db = Kysely<Tables>;

export async function db(handle?: AuditDatabase): Promise<Db> {
  return (handle ?? (await database())).db;
}

const opt = <T>(v: T | null): T | undefined => v ?? undefined;

export function toWave(r: MigrationWavesTable): Wave {
  return {
    id: r.id,
    name: r.name,
    organizationId: r.organization_id,
    source: r.source,
    format: r.format as WaveFormat,
    freezeFrom: r.freeze_from,
    freezeUntil: r.freeze_until,
    state: r.state as WaveState,
    createdBy: { subject: r.created_by, name: r.created_by_name },
    createdAt: r.created_at,
    approvedBy: r.approved_by ? { subject: r.approved_by, name: r.approved_by_name ?? r.approved_by } : undefined,
    approvedAt: opt(r.approved_at),
    cancelledBy: opt(r.cancelled_by),
    cancelledAt: opt(r.cancelled_at),
    startedBy: r.started_by
      ? { subject: r.started_by, email: r.started_by_email ?? '', name: r.started_by_name ?? r.started_by }
      : undefined,
    startedAt: opt(r.started_at),
    finishedAt: opt(r.finished_at),
    exportExpiresAt: opt(r.export_expires_at),
    exportedBy: opt(r.exported_by),
    exportedAt: opt(r.exported_at),
  };
}

export const toMember = (r: MigrationWavePeopleTable): WaveMember => ({
  position: r.position,
  personId: opt(r.person_id),
  username: r.username,
  email: opt(r.email),
  displayName: r.display_name,
  state: r.state as MemberState,
  reason: opt(r.reason),
});

export async function insertWave(d: Db, wave: Wave, members: readonly WaveMember[]): Promise<void> {
  await d
    .insertInto('migration_waves')
    .values({
      id: wave.id,
      name: wave.name,
      organization_id: wave.organizationId,
      source: wave.source,
      format: wave.format,
      freeze_from: wave.freezeFrom,
      freeze_until: wave.freezeUntil,
      state: wave.state,
      created_by: wave.createdBy.subject,
      created_by_name: wave.createdBy.name,
      created_at: wave.createdAt,
      approved_by: null,
      approved_by_name: null,
      approved_at: null,
      cancelled_by: null,
      cancelled_at: null,
      started_by: null,
      started_by_email: null,
      started_by_name: null,
      started_at: null,
      finished_at: null,
      runner_id: null,
      runner_lease_until: null,
      export_expires_at: null,
      exported_by: null,
      exported_at: null,
    })
    .execute();
  // In slices: SQLite takes at most 32766 parameters in one statement.
  for (let i = 0; i < members.length; i += 200) {
    await d
      .insertInto('migration_wave_people')
      .values(
        members.slice(i, i + 200).map((m) => ({
          wave_id: wave.id,
          position: m.position,
          person_id: m.personId ?? null,
          username: m.username,
          email: m.email ?? null,
          display_name: m.displayName,
          state: m.state,
          reason: m.reason ?? null,
          secret: null,
          request_id: null,
          claimed_at: null,
          finished_at: null,
        })),
      )
      .execute();
  }
}

export async function findWave(d: Db, id: string): Promise<Wave | undefined> {
  const row = await d.selectFrom('migration_waves').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toWave(row);
}

export async function listWaves(d: Db, limit = 50): Promise<Wave[]> {
  const rows = await d.selectFrom('migration_waves').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map(toWave);
}

export async function waveMembers(d: Db, id: string): Promise<WaveMember[]> {
  const rows = await d.selectFrom('migration_wave_people').selectAll().where('wave_id', '=', id).orderBy('position').execute();
  return rows.map(toMember);
}

export async function waveProgress(d: Db, wave: Wave): Promise<WaveProgress> {
  const rows = await d
    .selectFrom('migration_wave_people')
    .select(['state', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('wave_id', '=', wave.id)
    .groupBy('state')
    .execute();
  const count = (s: MemberState) => Number(rows.find((r) => r.state === s)?.n ?? 0);
  return {
    state: wave.state,
    done: count('succeeded'),
    failed: count('failed'),
    remaining: count('pending') + count('claimed'),
    excluded: count('excluded'),
  };
}

/** Applies a step decided by lib/migrations/state.ts, only if the wave is still in `from`; true when it was. */
export async function moveWave(d: Db, id: string, from: WaveState, patch: Partial<MigrationWavesTable>): Promise<boolean> {
  const result = await d.updateTable('migration_waves').set(patch).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The wave a person is frozen by at `now`, if any: a wave of that organization, approved (or
 * running, or finished), whose freeze window holds, and that includes them (the excluded are not
 * frozen). A wave awaiting approval freezes no one: one admin alone cannot lock people out of
 * single resets (docs/migrations.md).
 */
export async function freezingWave(d: Db, organizationId: string, personId: string, now: Date) {
  const at = now.toISOString();
  return d
    .selectFrom('migration_wave_people as p')
    .innerJoin('migration_waves as w', 'w.id', 'p.wave_id')
    .select(['w.id', 'w.name', 'w.freeze_until'])
    .where('p.person_id', '=', personId)
    .where('p.state', '!=', 'excluded')
    .where('w.organization_id', '=', organizationId)
    .where('w.state', 'in', ['approved', 'running', 'finished'])
    .where('w.freeze_from', '<=', at)
    .where('w.freeze_until', '>', at)
    .orderBy('w.freeze_until', 'desc')
    .executeTakeFirst();
}

/** Deletes every stored password whose wave was downloaded or whose download window has passed. */
export async function purgeSecrets(d: Db, now: Date): Promise<void> {
  const at = now.toISOString();
  const spent = d
    .selectFrom('migration_waves')
    .select('id')
    .where((eb) => eb.or([eb('exported_at', 'is not', null), eb('export_expires_at', '<=', at), eb('state', '=', 'cancelled')]));
  await d
    .updateTable('migration_wave_people')
    .set({ secret: null })
    .where('secret', 'is not', null)
    .where('wave_id', 'in', spent)
    .execute();
}
