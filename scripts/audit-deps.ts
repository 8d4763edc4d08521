/**
 * `npm run audit:deps` (CI): `npm audit --omit=dev`, failing on a high or critical advisory.
 * When the advisory service cannot be reached (some networks allow only the registry's GETs),
 * it says so loudly and passes, unless `--strict`, where it fails: choose per pipeline.
 */
import { spawnSync } from 'node:child_process';
import { auditVerdict } from './lib/dependency-audit';

const strict = process.argv.includes('--strict');
const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const verdict = auditVerdict(run.stdout ?? '');

switch (verdict.kind) {
  case 'clean':
    console.log(`npm audit --omit=dev: no high or critical advisories (${JSON.stringify(verdict.counts)}).`);
    process.exit(0);
    break;
  case 'vulnerable':
    console.error(`npm audit --omit=dev: high or critical advisories in production dependencies: ${verdict.packages.join(', ')}`);
    console.error('Run `npm audit --omit=dev` for the advisories and `npm audit fix` or an upgrade to mend them.');
    process.exit(1);
    break;
  case 'unchecked':
    console.error(`WARNING: production dependencies were NOT checked for advisories: ${verdict.reason}`);
    process.exit(strict ? 1 : 0);
}
