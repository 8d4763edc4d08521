/**
 * `npm run audit:purge`: removes audit events older than AUDIT_RETENTION_DAYS and leaves a chained
 * checkpoint, so `npm run audit:verify` still passes. `--dry-run` only counts. Run it from cron
 * (one instance is enough: it takes the log's write lock). Exit 0 done, 2 not configured or failed.
 */
import { command, runWhenEntry } from './lib/command';
import { database } from '../lib/audit/db';
import { purgeBefore, retentionCutoff } from '../lib/audit/retention';
import { config } from '../lib/config';

async function main(args: string[]): Promise<number> {
  const days = config().auditRetentionDays;
  if (days === 0) {
    console.error('AUDIT_RETENTION_DAYS is not set (or 0): every event is kept, nothing was removed.');
    return 2;
  }
  const cutoff = retentionCutoff(days);
  const handle = await database();
  try {
    if (args.includes('--dry-run')) {
      const { count } = await handle.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .where('time', '<', cutoff.toISOString())
        .executeTakeFirstOrThrow();
      console.log(`Dry run: ${Number(count)} events are older than ${cutoff.toISOString()} (${days} days); nothing was removed.`);
      return 0;
    }
    const result = await purgeBefore(cutoff, `retention ${days} days`, handle);
    console.log(
      !('cutAfterId' in result)
        ? `No events older than ${cutoff.toISOString()} (${days} days): nothing was removed.`
        : `Removed ${result.removed} events older than ${cutoff.toISOString()} (${days} days), up to event ${result.cutAfterId}; a checkpoint event records the cut.`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

export const auditPurge = command(main, 'Purge failed, nothing was removed');
runWhenEntry(import.meta.url, auditPurge);
