import 'server-only';
/**
 * Running a wave, resumably (docs/migrations.md). One runner per wave at a time, held by a lease
 * in the wave's row that the runner renews after every person; a runner that stops (a crash, a
 * restart, a deploy) lets it lapse, and the next request that looks at the wave (its page, its
 * progress, the portal's start) takes it over and continues with the people still pending. A
 * person claimed by a runner that is gone is never reset again: whether their password changed is
 * unknown, so they are listed as failed, with words that say so.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../access/actor';
import type { AuditDatabase } from '../audit/db';
import { database } from '../audit/db';
import { appendEvent } from '../audit/store';
import { config } from '../config';
import { log } from '../log';
import { generatePassword } from '../password/generate';
import { portalPolicy } from '../portal';
import { resetMember } from './reset-member';
import { findWave, toMember } from './store';
import type { Wave } from './types';

/**
 * A runner renews its lease after every person, and within a person before each directory call
 * and each back-off (lib/migrations/reset-member.ts); a lapsed lease (a runner gone this long) may
 * be taken over. So it outlasts the longest stretch between renewals (the lookup: a few calls of
 * at most about 8 s each, the directory client's own timeouts), and a live runner never loses a
 * person it is resetting to a second runner.
 */
export const LEASE_MS = 30_000;

export const INTERRUPTED =
  'The run stopped while this person was being reset: the directory may hold the new password or the old one. Reset them singly.';

const shared = globalThis as typeof globalThis & { __waveRunnerId?: string; __waveRunners?: Set<string> };
/** This process, as the owner of leases; and the waves it is running now (Next bundles modules apart, hence globalThis). */
const RUNNER_ID = (shared.__waveRunnerId ??= randomUUID());
const active = (shared.__waveRunners ??= new Set<string>());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The admin who started the run, as can() sees an admin of the wave's organization under today's policy. */
function runnerActor(wave: Wave): Actor {
  const policy = portalPolicy();
  const org = policy.organizations.find((o) => o.id === wave.organizationId);
  const starter = wave.startedBy ?? { ...wave.createdBy, email: '' };
  const organizations = new Map(
    org
      ? [
          [
            org.id,
            { organizationId: org.id, alias: org.alias, scope: 'all' as const, protectedGroups: policy.protectedGroups.get(org.id) ?? [] },
          ],
        ]
      : [],
  );
  return { subject: starter.subject, email: starter.email, name: starter.name, groups: [], role: 'admin', organizations };
}

async function takeLease(handle: AuditDatabase, waveId: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await handle.db
    .updateTable('migration_waves')
    .set({ runner_id: RUNNER_ID, runner_lease_until: new Date(now.getTime() + LEASE_MS).toISOString() })
    .where('id', '=', waveId)
    .where('state', '=', 'running')
    .where((eb) => eb.or([eb('runner_id', '=', RUNNER_ID), eb('runner_lease_until', 'is', null), eb('runner_lease_until', '<', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Rows claimed by a runner that is gone (this one holds the lease now): failed, never reset again. */
async function failInterrupted(handle: AuditDatabase, wave: Wave, actor: Actor): Promise<void> {
  const stale = await handle.db
    .selectFrom('migration_wave_people')
    .selectAll()
    .where('wave_id', '=', wave.id)
    .where('state', '=', 'claimed')
    .execute();
  for (const row of stale) {
    const done = await handle.db
      .updateTable('migration_wave_people')
      .set({ state: 'failed', reason: INTERRUPTED, secret: null, finished_at: new Date().toISOString() })
      .where('wave_id', '=', wave.id)
      .where('position', '=', row.position)
      .where('state', '=', 'claimed')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) continue;
    await appendEvent(
      {
        type: 'password.reset.failed',
        outcome: 'failed',
        errorCode: 'interrupted',
        actor: { subject: actor.subject, email: actor.email, name: actor.name, role: actor.role },
        organizationId: wave.organizationId,
        person: { id: row.person_id ?? undefined, email: row.email ?? undefined, name: row.display_name },
        waveId: wave.id,
      },
      handle,
    );
  }
}

/** Runs (or continues) a wave until no one is pending, then opens its one download window. */
export async function runWave(waveId: string, handle?: AuditDatabase, password: () => string = generatePassword): Promise<void> {
  const h = handle ?? (await database());
  if (!(await takeLease(h, waveId, new Date()))) return;
  let wave = (await findWave(h.db, waveId))!;
  const actor = runnerActor(wave);
  await failInterrupted(h, wave, actor);
  const interval = 1000 / config().waves.resetsPerSecond;
  for (;;) {
    const next = await h.db
      .selectFrom('migration_wave_people')
      .selectAll()
      .where('wave_id', '=', waveId)
      .where('state', '=', 'pending')
      .orderBy('position')
      .limit(1)
      .executeTakeFirst();
    if (!next) break;
    const started = Date.now();
    await resetMember(h, wave, toMember(next), actor, password(), undefined, () => takeLease(h, waveId, new Date()));
    // Lost the lease (this runner stalled past it and another took over): that one continues.
    if (!(await takeLease(h, waveId, new Date()))) return;
    await sleep(Math.max(0, interval - (Date.now() - started)));
  }
  const now = new Date();
  const expires = new Date(now.getTime() + config().waves.exportTtlMinutes * 60_000);
  const finished = await h.db
    .updateTable('migration_waves')
    .set({
      state: 'finished',
      finished_at: now.toISOString(),
      export_expires_at: expires.toISOString(),
      runner_id: null,
      runner_lease_until: null,
    })
    .where('id', '=', waveId)
    .where('state', '=', 'running')
    .where('runner_id', '=', RUNNER_ID)
    .executeTakeFirst();
  if (Number(finished.numUpdatedRows) === 1) {
    wave = (await findWave(h.db, waveId))!;
    await appendEvent(
      {
        type: 'wave.finished',
        outcome: 'finished',
        actor: { subject: actor.subject, email: actor.email, name: actor.name, role: actor.role },
        organizationId: wave.organizationId,
        waveId,
        reason: wave.name,
      },
      h,
    );
  }
}

/** Starts this process's runner for a running wave unless one is already at it here; never throws. */
export function ensureRunning(waveId: string): void {
  if (active.has(waveId)) return;
  active.add(waveId);
  void runWave(waveId)
    .catch((err: unknown) =>
      log.error({ err: (err as Error).message, wave: waveId }, 'wave run stopped; it resumes on the next look at the wave'),
    )
    .finally(() => active.delete(waveId));
}

/**
 * At start: every wave left running (by this instance before a restart, or by one that is gone).
 * Again once the lease of a runner that died just before this start has lapsed.
 */
export async function resumeWaves(again = true): Promise<void> {
  const { db } = await database();
  const running = await db.selectFrom('migration_waves').select('id').where('state', '=', 'running').execute();
  for (const { id } of running) ensureRunning(id);
  if (again && running.length > 0) {
    setTimeout(() => void resumeWaves(false).catch(() => {}), LEASE_MS + 1000).unref();
  }
}
