import 'server-only';
/** The process's hand-over key (HANDOVER_KEY), with a warning once when it had to be generated. */
import { config } from '../config';
import { log } from '../log';
import { handoverKey, type HandoverKey } from './crypto';

let cached: HandoverKey | undefined;

export function processHandoverKey(): HandoverKey {
  if (!cached) {
    const c = config().handover;
    cached = handoverKey(c.key);
    if (c.keyGenerated) {
      log.warn(
        { keyId: cached.id },
        'HANDOVER_KEY is not set: one-time links made by this process cannot be opened once it restarts, nor on another instance. Set HANDOVER_KEY (docs/configuration.md).',
      );
    }
  }
  return cached;
}
