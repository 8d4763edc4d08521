import 'server-only';
/**
 * Reveal attempts per client address (lib/request-client.ts), counted per quarter hour in the
 * database, so every instance shares the count. A token has 128 random bits, so guessing is
 * hopeless anyway; the limit keeps a flood of attempts from costing decryptions and audit writes.
 */
import { sql } from 'kysely';
import { database, type AuditDatabase } from '../audit/db';
import { withHandovers } from './schema';

export const REVEAL_LIMIT = 20;
export const REVEAL_WINDOW_MS = 15 * 60_000;

export type AttemptVerdict = { ok: true } | { ok: false; retryAt: Date };

/** Counts one attempt from `address` and says whether it is within the limit. */
export async function countRevealAttempt(address: string | undefined, now = new Date(), handle?: AuditDatabase): Promise<AttemptVerdict> {
  const { db } = handle ?? (await database());
  const start = Math.floor(now.getTime() / REVEAL_WINDOW_MS) * REVEAL_WINDOW_MS;
  const { attempts } = await withHandovers(db)
    .insertInto('handover_attempts')
    .values({ address: address ?? 'unknown', window_start: new Date(start).toISOString(), attempts: 1 })
    .onConflict((oc) => oc.columns(['address', 'window_start']).doUpdateSet({ attempts: sql<number>`handover_attempts.attempts + 1` }))
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return Number(attempts) <= REVEAL_LIMIT ? { ok: true } : { ok: false, retryAt: new Date(start + REVEAL_WINDOW_MS) };
}
