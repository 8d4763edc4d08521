/**
 * What one running emulator holds. Its own file so that server.ts (which builds it) and
 * control.ts (which reads and resets it) both depend on it without importing each other.
 */
import type { CallLog } from './calls';
import type { Faults } from './faults';
import type { Organization } from './model';
import type { PasswordPolicy } from './passwords';
import type { SeedDocument } from './seed';
import type { Trail } from './cloudtrail';
import type { Sts } from './sts';

export interface EmulatorState {
  organizations: Map<string, Organization>;
  readonly seed: SeedDocument;
  readonly faults: Faults;
  readonly calls: CallLog;
  readonly policy: PasswordPolicy;
  readonly sts: Sts;
  readonly trail: Trail;
}
