import 'server-only';
/**
 * The first half of the one-time link (docs/handover.md). After a successful reset the password is
 * stashed, sealed, for at most STASH_MINUTES, bound to the operator and with no token: nothing can
 * open it yet. Only if that operator then asks for a link is a token minted; its hash is stored
 * and the stash lives on until the link's expiry (HANDOVER_TTL_HOURS). Both steps are audited with
 * the reset they belong to.
 */
import type { AuditDatabase } from '../audit/db';
import { appendWithin, inTransaction } from '../audit/store';
import { config } from '../config';
import { database } from '../audit/db';
import { randomId, sealPassword, tokenHash, type HandoverKey } from './crypto';
import { processHandoverKey } from './key';
import { withHandovers } from './schema';

/** An unclaimed password is dropped after this long: the operator makes a link right after the reset or not at all. */
export const STASH_MINUTES = 15;

export interface Operator {
  subject: string;
  email: string;
  name: string;
  role: string;
}

export interface StashInput {
  actor: Operator;
  organizationId: string;
  person: { id: string; email?: string; displayName: string };
  signInName: string;
  requestId?: string;
  password: string;
}

export interface StoreOptions {
  handle?: AuditDatabase;
  now?: Date;
  key?: HandoverKey;
}

const plus = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

/** Stashes the password for a link the operator may still ask for; returns the opaque reference. */
export async function stashPassword(input: StashInput, options: StoreOptions = {}): Promise<string> {
  const { db } = options.handle ?? (await database());
  const now = options.now ?? new Date();
  const key = options.key ?? processHandoverKey();
  const ref = randomId();
  await withHandovers(db)
    .insertInto('handovers')
    .values({
      id: ref,
      token_hash: null,
      sealed: sealPassword(input.password, key, ref),
      key_id: key.id,
      actor_subject: input.actor.subject,
      actor_email: input.actor.email,
      actor_name: input.actor.name,
      actor_role: input.actor.role,
      organization_id: input.organizationId,
      person_id: input.person.id,
      person_email: input.person.email ?? null,
      person_name: input.person.displayName,
      sign_in_name: input.signInName,
      request_id: input.requestId ?? null,
      reset_at: now.toISOString(),
      link_created_at: null,
      expires_at: plus(now, STASH_MINUTES * 60_000),
      revealed_at: null,
      expired_at: null,
    })
    .execute();
  return ref;
}

export type LinkResult = { ok: true; token: string; url: string; expiresAt: string } | { ok: false; message: string };

const NO_LINK = 'A one-time link can no longer be made for this reset: reset the password again to make one.';

/**
 * Mints the link for a stash: only its operator, only once, only before the stash is dropped.
 * Any other case gets the same answer, so a reference tells nobody else whether it exists.
 */
export async function createLink(
  actor: Operator,
  ref: string,
  request: { clientIp?: string; userAgent?: string },
  options: StoreOptions = {},
): Promise<LinkResult> {
  const now = options.now ?? new Date();
  const token = randomId();
  const expiresAt = plus(now, config().handover.ttlHours * 3_600_000);
  const made = await inTransaction(async (trx) => {
    const db = withHandovers(trx);
    const row = await db.selectFrom('handovers').selectAll().where('id', '=', ref).executeTakeFirst();
    if (!row || row.actor_subject !== actor.subject || row.token_hash !== null || row.sealed === null) return false;
    if (row.expires_at <= now.toISOString()) return false;
    await db
      .updateTable('handovers')
      .set({ token_hash: tokenHash(token), link_created_at: now.toISOString(), expires_at: expiresAt })
      .where('id', '=', ref)
      .where('token_hash', 'is', null)
      .execute();
    await appendWithin(
      trx,
      {
        type: 'handover.created',
        actor,
        organizationId: row.organization_id,
        person: { id: row.person_id, email: row.person_email ?? undefined, name: row.person_name ?? undefined },
        outcome: 'created',
        requestId: row.request_id ?? undefined,
        ...request,
      },
      now,
    );
    return true;
  }, options.handle);
  if (!made) return { ok: false, message: NO_LINK };
  return { ok: true, token, url: `${config().auth.url}/handover/${token}`, expiresAt };
}
