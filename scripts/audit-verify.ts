/**
 * `npm run audit:verify [-- --expect-head <hash>]`: walks the audit log's hash chain and names the
 * first broken event. Exit 0 when the chain is whole, 1 when it is broken (or does not contain
 * the expected head), 2 when the log cannot be read or the arguments are wrong.
 * Events are keyed with AUDIT_HMAC_KEY (lib/audit/hash.ts): run this with the portal's key.
 * The head hash it prints, or the one the portal logs every AUDIT_HEAD_LOG_EVERY events, kept
 * elsewhere (a ticket, a log store), lets a later run with --expect-head notice a log that was cut
 * short or rewritten wholesale, which no chain can show by itself.
 */
import { command, runWhenEntry } from './lib/command';
import { database } from '../lib/audit/db';
import { verifyChain } from '../lib/audit/store';
import { config } from '../lib/config';

const USAGE = 'Usage: npm run audit:verify [-- --expect-head <64 hex characters>]';

function expectedHead(args: string[]): { head?: string } | { error: string } {
  if (args.length === 0) return {};
  if (args[0] !== '--expect-head' || args.length !== 2) return { error: USAGE };
  const head = args[1]!.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(head)) return { error: `--expect-head takes a head hash of 64 hex characters. ${USAGE}` };
  return { head };
}

async function main(args: string[]): Promise<number> {
  const parsed = expectedHead(args);
  if ('error' in parsed) {
    console.error(parsed.error);
    return 2;
  }
  if (config().auditHmacKeyGenerated)
    console.error('AUDIT_HMAC_KEY is not set: keyed events cannot be checked. Run with the key the portal uses.');
  const handle = await database();
  try {
    const check = await verifyChain(handle, { expectHead: parsed.head });
    if (!check.ok) {
      console.error(
        `Audit chain BROKEN${check.brokenAt ? ` at event ${check.brokenAt}` : ''}: ${check.problem} (${check.events} events read).`,
      );
      return 1;
    }
    const before = check.events - check.keyed;
    console.log(
      `Audit chain verified (${handle.backend}): ${check.events} events, none changed or removed` +
        `${before > 0 ? ` (${before} from before keying, plain SHA-256)` : ''}. Head hash ${check.head}.`,
    );
    if (check.expected && 'at' in check.expected) {
      console.log(`The expected head is event ${check.expected.at}; ${check.expected.after} events follow it.`);
    } else if (check.expected) {
      console.log(`The expected head is the last event removed by the retention purge recorded in event ${check.expected.cutAt}.`);
    }
    return 0;
  } finally {
    await handle.close();
  }
}

export const auditVerify = command(main, 'Cannot read the audit log');
runWhenEntry(import.meta.url, auditVerify);
