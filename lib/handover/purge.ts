import 'server-only';
/**
 * Ends hand-overs on time (docs/handover.md): an unclaimed stash is dropped after STASH_MINUTES
 * (it never had a link, so nothing to tell anyone: its reset is audited already); a link that
 * expires unopened loses its sealed password and gets a `handover.expired` event; the remaining
 * facts go after KEEP_DAYS, and old reveal-attempt counts after an hour. Every instance runs it
 * each minute; the audit's write lock makes each expiry happen, and be recorded, once.
 */
import { database, type AuditDatabase } from '../audit/db';
import { appendWithin, inTransaction } from '../audit/store';
import { log } from '../log';
import { withHandovers } from './schema';

/** How long a link's facts (who, when, opened or not) stay for the person page once it has ended. */
export const KEEP_DAYS = 30;
const EVERY_MS = 60_000;

export async function purgeHandovers(now = new Date(), handle?: AuditDatabase): Promise<{ expired: number; dropped: number }> {
  const at = now.toISOString();
  const { db } = handle ?? (await database());
  const h = withHandovers(db);
  // Plain deletes, each atomic, none audited: no lock on the audit log for them.
  const forgotten = new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString();
  await h.deleteFrom('handovers').where('sealed', 'is', null).where('expires_at', '<=', forgotten).execute();
  await h
    .deleteFrom('handover_attempts')
    .where('window_start', '<=', new Date(now.getTime() - 3_600_000).toISOString())
    .execute();
  const stashes = await h.deleteFrom('handovers').where('token_hash', 'is', null).where('expires_at', '<=', at).executeTakeFirst();
  const dropped = Number(stashes.numDeletedRows);
  // The audit's write lock only when a link is due to expire.
  const due = await h
    .selectFrom('handovers')
    .select('id')
    .where('expires_at', '<=', at)
    .where('sealed', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  if (!due) return { expired: 0, dropped };
  const expired = await inTransaction(async (trx) => {
    const t = withHandovers(trx);
    const rows = await t
      .selectFrom('handovers')
      .selectAll()
      .where('expires_at', '<=', at)
      .where('sealed', 'is not', null)
      .where('token_hash', 'is not', null)
      .execute();
    for (const row of rows) {
      await t.updateTable('handovers').set({ sealed: null, expired_at: at }).where('id', '=', row.id).execute();
      await appendWithin(
        trx,
        {
          type: 'handover.expired',
          actor: { subject: row.actor_subject, email: row.actor_email, name: row.actor_name, role: row.actor_role },
          organizationId: row.organization_id,
          person: { id: row.person_id, email: row.person_email ?? undefined, name: row.person_name ?? undefined },
          outcome: 'expired',
          requestId: row.request_id ?? undefined,
        },
        now,
      );
    }
    return rows.length;
  }, handle);
  return { expired, dropped };
}

let timer: NodeJS.Timeout | undefined;

/** Runs the purge every minute in this process (lib/startup.ts). */
export function startHandoverPurge(): void {
  timer ??= setInterval(() => {
    purgeHandovers().catch((err: unknown) => log.error({ err: (err as Error).message }, 'hand-over purge failed'));
  }, EVERY_MS);
  timer.unref();
}
