import type { Identity } from '../access/actor';
import type { LiveSession } from './live';

/**
 * The operator's identity for this request: subject, names and groups from the live session
 * record (refreshed from the identity provider), and the username claim from the sign-in, which
 * the record does not keep. can() needs the username to refuse a self-reset by mailbox username.
 */
export function currentIdentity(signIn: { username?: string }, live: LiveSession): Identity {
  return { subject: live.subject, email: live.email, name: live.name, groups: live.groups, username: signIn.username };
}
