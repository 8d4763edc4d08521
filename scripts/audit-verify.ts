/**
 * `npm run audit:verify`: walks the audit log's hash chain and names the first broken event.
 * Exit 0 when the chain is whole, 1 when it is broken, 2 when the log cannot be read.
 * On success it prints the head hash: a copy kept elsewhere (a ticket, a log store) lets a later
 * reader notice a log that was cut short or rewritten wholesale, which no chain can show by itself.
 */
import { runCommand } from './lib/command';
import { database } from '../lib/audit/db';
import { verifyChain } from '../lib/audit/store';

async function main(): Promise<number> {
  const handle = await database();
  try {
    const check = await verifyChain(handle);
    if (check.ok) {
      console.log(`Audit chain verified (${handle.backend}): ${check.events} events, none changed or removed. Head hash ${check.head}.`);
      return 0;
    }
    console.error(`Audit chain BROKEN at event ${check.brokenAt}: ${check.problem} (${check.events} events read).`);
    return 1;
  } finally {
    await handle.close();
  }
}

runCommand(main, 'Cannot read the audit log');
