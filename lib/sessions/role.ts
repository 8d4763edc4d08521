import { actorFor, type Identity } from '../access/actor';
import { portalPolicy } from '../portal';

/** The role to record with a session's audit events; an unreadable policy gives none (every page denies then anyway). */
export function roleFor(identity: Identity, policyFile: string): string {
  try {
    return actorFor(identity, portalPolicy(policyFile)).role;
  } catch {
    return 'none';
  }
}
