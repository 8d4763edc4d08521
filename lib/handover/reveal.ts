import 'server-only';
/**
 * The second half of the one-time link (docs/handover.md): what the link's page shows. Looking
 * (a GET, as a chat preview or a mail scanner makes) only reads who reset the password and when.
 * Revealing (a POST from the page's button) opens the sealed password and clears it in the same
 * transaction as its `handover.revealed` event, so a link shows the password once at most; the
 * row keeps only the facts, for the operator's page and for a second visitor's message.
 */
import { appendBounded } from '../audit/repeats';
import { appendWithin, inTransaction } from '../audit/store';
import { database } from '../audit/db';
import { log } from '../log';
import { countRevealAttempt } from './attempts';
import { isToken, openPassword, tokenHash } from './crypto';
import { processHandoverKey } from './key';
import { withHandovers, type HandoversTable } from './schema';
import type { StoreOptions } from './stash';

/** Rate-limited attempts come from nobody the portal knows: recorded under this name. */
export const LINK_ACTOR = { subject: 'system:handover', email: '', name: 'One-time link page', role: 'system' };

export type LinkView =
  | { state: 'ready'; operatorName: string; resetAt: string }
  /** Used, expired or unknown; the operator's name when the link was real. */
  | { state: 'gone'; operatorName?: string };

export type RevealResult =
  | { state: 'revealed'; password: string; signInName: string; operatorName: string; resetAt: string }
  | { state: 'gone'; operatorName?: string }
  | { state: 'limited'; retryAt: Date }
  /** The operator who made the link, signed in to the portal: the link is not for them. */
  | { state: 'own-link' };

export const OWN_LINK = 'This link is for the person whose password you reset, not for you.';

interface Client {
  clientIp?: string;
  userAgent?: string;
}

const live = (row: HandoversTable, now: Date) => row.sealed !== null && row.expires_at > now.toISOString();
const gone = (row?: HandoversTable): LinkView => ({ state: 'gone', operatorName: row?.actor_name });

async function rowFor(token: string, options: StoreOptions): Promise<HandoversTable | undefined> {
  if (!isToken(token)) return undefined;
  const { db } = options.handle ?? (await database());
  return withHandovers(db).selectFrom('handovers').selectAll().where('token_hash', '=', tokenHash(token)).executeTakeFirst();
}

/** What the page shows before the click: reads, changes nothing. */
export async function viewLink(token: string, options: StoreOptions = {}): Promise<LinkView> {
  const row = await rowFor(token, options);
  const now = options.now ?? new Date();
  if (!row || !live(row, now)) return gone(row);
  return { state: 'ready', operatorName: row.actor_name, resetAt: row.reset_at };
}

/**
 * The click: counts the attempt, then opens and clears the password in one transaction with its
 * audit event. `viewerSubject` is the portal user signed in on this browser, if any: the operator
 * who made the link is refused (audited, the link kept), so they never learn the password.
 */
export async function revealLink(
  token: string,
  client: Client,
  options: StoreOptions & { viewerSubject?: string } = {},
): Promise<RevealResult> {
  const now = options.now ?? new Date();
  const verdict = await countRevealAttempt(client.clientIp, now, options.handle);
  if (!verdict.ok) {
    await appendBounded(
      { type: 'rate.limited', actor: LINK_ACTOR, outcome: 'refused', errorCode: 'rate-limit-handover', ...client },
      now,
      options.handle,
    ).catch((err: unknown) => log.error({ err: (err as Error).message }, 'audit: hand-over refusal not written'));
    return { state: 'limited', retryAt: verdict.retryAt };
  }
  if (!isToken(token)) return { state: 'gone' };
  const key = options.key ?? processHandoverKey();
  return inTransaction(async (trx) => {
    const db = withHandovers(trx);
    const row = await db.selectFrom('handovers').selectAll().where('token_hash', '=', tokenHash(token)).executeTakeFirst();
    if (!row || !live(row, now)) return gone(row) as RevealResult;
    const who = {
      actor: { subject: row.actor_subject, email: row.actor_email, name: row.actor_name, role: row.actor_role },
      organizationId: row.organization_id,
      person: { id: row.person_id, email: row.person_email ?? undefined, name: row.person_name ?? undefined },
      requestId: row.request_id ?? undefined,
      ...client,
    };
    if (options.viewerSubject && options.viewerSubject === row.actor_subject) {
      await appendWithin(trx, { ...who, type: 'handover.revealed', outcome: 'refused', errorCode: 'own-link' }, now);
      return { state: 'own-link' } as RevealResult;
    }
    const password = openPassword(row.sealed!, key, row.id);
    if (password === undefined) {
      // Another HANDOVER_KEY (rotated, or instances that disagree) or a changed row: the secret stays
      // as it is, to expire; the person is told to ask for a new reset.
      log.error({ keyId: key.id, sealedWith: row.key_id }, 'hand-over: a sealed password did not open');
      await appendWithin(
        trx,
        { ...who, type: 'handover.revealed', outcome: 'failed', errorCode: row.key_id === key.id ? 'changed' : 'other-key' },
        now,
      );
      return gone(row) as RevealResult;
    }
    await db.updateTable('handovers').set({ sealed: null, revealed_at: now.toISOString() }).where('id', '=', row.id).execute();
    await appendWithin(trx, { ...who, type: 'handover.revealed', outcome: 'revealed' }, now);
    return { state: 'revealed', password, signInName: row.sign_in_name, operatorName: row.actor_name, resetAt: row.reset_at };
  }, options.handle);
}
