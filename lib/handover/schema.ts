import type { Kysely } from 'kysely';
import type { Tables } from '../audit/schema';

/** One reset's password on its way to the person (migration 010_handover). Times are ISO 8601 UTC text. */
export type HandoversTable = {
  /** The opaque reference the operator's result holds (128 random bits); also the ciphertext's additional data. */
  id: string;
  /** SHA-256 of the link's token, once the operator made a link; the token itself is never stored. */
  token_hash: string | null;
  /** The password, AES-256-GCM under HANDOVER_KEY (lib/handover/crypto.ts); null once revealed or expired. */
  sealed: string | null;
  /** Fingerprint of the key that sealed it, so a rotated key is told apart from a changed row. */
  key_id: string;
  actor_subject: string;
  actor_email: string;
  actor_name: string;
  actor_role: string;
  organization_id: string;
  person_id: string;
  person_email: string | null;
  person_name: string | null;
  sign_in_name: string;
  /** The directory's request id of the reset, as in its `password.reset.succeeded` event. */
  request_id: string | null;
  reset_at: string;
  link_created_at: string | null;
  /** Before a link: when the unclaimed password is dropped (15 minutes); after: when the link stops working. */
  expires_at: string;
  revealed_at: string | null;
  expired_at: string | null;
};

export type HandoverAttemptsTable = {
  address: string;
  window_start: string;
  attempts: number;
};

// Type aliases, not interfaces: kysely's withTables wants record types.
export type HandoverTables = { handovers: HandoversTable; handover_attempts: HandoverAttemptsTable };

/** The audit database's handle seen with the hand-over tables too (they live in the same database). */
export const withHandovers = (db: Kysely<Tables>) => db.withTables<HandoverTables>();
