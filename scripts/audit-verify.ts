/**
 * `npm run audit:verify`: walks the audit log's hash chain and names the first broken event.
 * Exit 0 when the chain is whole, 1 when it is broken, 2 when the log cannot be read.
 */
import { verifyChain } from '../lib/audit/store';
import { config } from '../lib/config';

verifyChain()
  .then((check) => {
    if (check.ok) {
      console.log(`Audit chain verified: ${check.events} events, none changed or removed (${config().databaseUrl}).`);
      process.exit(0);
    }
    console.error(`Audit chain BROKEN at event ${check.brokenAt}: ${check.problem} (${check.events} events read).`);
    process.exit(1);
  })
  .catch((err: unknown) => {
    console.error(`Cannot read the audit log: ${(err as Error).message}`);
    process.exit(2);
  });
