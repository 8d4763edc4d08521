import 'server-only';
/**
 * Whether the person's latest one-time link was opened, for the person page (docs/handover.md).
 * Times only, never the token or the password. The caller shows it only to someone who may see
 * the person (lib/access).
 */
import { database, type AuditDatabase } from '../audit/db';
import { withHandovers } from './schema';

export interface HandoverStatus {
  createdAt: string;
  expiresAt: string;
  openedAt?: string;
  /** When the link was ended unopened by its expiry. */
  expiredAt?: string;
}

export async function handoverStatus(organizationId: string, userId: string, handle?: AuditDatabase): Promise<HandoverStatus | undefined> {
  const { db } = handle ?? (await database());
  const row = await withHandovers(db)
    .selectFrom('handovers')
    .select(['link_created_at', 'expires_at', 'revealed_at', 'expired_at'])
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', userId)
    .where('link_created_at', 'is not', null)
    .orderBy('link_created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    createdAt: row.link_created_at!,
    expiresAt: row.expires_at,
    ...(row.revealed_at ? { openedAt: row.revealed_at } : {}),
    ...(row.expired_at ? { expiredAt: row.expired_at } : {}),
  };
}
