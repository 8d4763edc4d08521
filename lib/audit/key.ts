import 'server-only';
/** The process's audit chain key (AUDIT_HMAC_KEY), with a warning once when it had to be generated. */
import { config } from '../config';
import { log } from '../log';
import { chainKey, type ChainKey } from './hash';

let cached: ChainKey | undefined;

export function auditKey(): ChainKey {
  if (!cached) {
    const c = config();
    cached = chainKey(c.auditHmacKey);
    if (c.auditHmacKeyGenerated) {
      log.warn(
        { keyFingerprint: cached.fingerprint },
        'AUDIT_HMAC_KEY is not set: the audit chain is keyed with a key generated for this process only, so audit:verify cannot check the events it writes. Set AUDIT_HMAC_KEY (docs/configuration.md).',
      );
    }
  }
  return cached;
}
