import 'server-only';
/**
 * Retention: removes the oldest audit events and keeps the rest verifiable. The purge appends a
 * checkpoint event first (chained like any other) that records the hash of the last event it
 * removes; the first event left links to that hash, so `audit:verify` accepts the cut, and only
 * that cut (docs/security.md, "Audit chain").
 */
import { database, writeTransaction, type AuditDatabase } from './db';
import { appendWithin } from './store';

export const RETENTION_ACTOR = { subject: 'system:retention', email: '', name: 'Retention purge', role: 'system' };

export type PurgeResult = { removed: 0 } | { removed: number; cutAfterId: number; cutHash: string };

/** Events strictly older than `cutoff` go; the checkpoint says how many, up to which event, and why. */
export async function purgeBefore(cutoff: Date, why: string, handle?: AuditDatabase, now = new Date()): Promise<PurgeResult> {
  return writeTransaction(handle ?? (await database()), async (db) => {
    const last = await db
      .selectFrom('audit_events')
      .select(['id', 'hash'])
      .where('time', '<', cutoff.toISOString())
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last) return { removed: 0 };
    // Ids are the chain's order: everything up to the cut goes, so what is left stays one line.
    const { count } = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('id', '<=', last.id)
      .executeTakeFirstOrThrow();
    const removed = Number(count);
    await appendWithin(
      db,
      {
        type: 'audit.purged',
        actor: RETENTION_ACTOR,
        outcome: 'purged',
        reason: `Removed ${removed} events older than ${cutoff.toISOString()} (${why}); the log now starts after event ${last.id}.`,
        checkpointHash: last.hash,
      },
      now,
    );
    await db.deleteFrom('audit_events').where('id', '<=', last.id).execute();
    return { removed, cutAfterId: last.id, cutHash: last.hash };
  });
}

/** The cutoff for a retention of `days` days, counted back from `now`. */
export const retentionCutoff = (days: number, now = new Date()): Date => new Date(now.getTime() - days * 86_400_000);
