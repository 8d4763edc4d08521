/**
 * CloudTrail-shaped events (`GET /__control/cloudtrail`): one per WorkMail call and per AssumeRole,
 * shaped as CloudTrail's record (eventTime, eventSource, eventName, requestID, userIdentity with
 * sessionContext.sourceIdentity for role sessions, requestParameters), so tests can check what a
 * security team would read. Passwords are redacted as in the calls log.
 */
import { redact } from './calls';
import type { AccessKey } from './sigv4';
import type { StsSession } from './sts';

export interface TrailEvent {
  eventVersion: '1.09';
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  requestID: string;
  userIdentity: {
    type: 'IAMUser' | 'AssumedRole' | 'Unknown';
    arn?: string;
    principalId?: string;
    accessKeyId?: string;
    /** Always present (empty for long-term keys), so a reader can ask for `sessionContext.sourceIdentity` on any event. */
    sessionContext: {
      sourceIdentity?: string;
      sessionIssuer?: { type: 'Role'; arn: string; userName: string };
      attributes?: { creationDate: string; mfaAuthenticated: 'false' };
    };
  };
  requestParameters: unknown;
  responseElements?: unknown;
  errorCode?: string;
  errorMessage?: string;
}

const MAX_EVENTS = 10_000;

export function identityOf(accountId: string, key: AccessKey | undefined, session: StsSession | undefined): TrailEvent['userIdentity'] {
  if (session) {
    return {
      type: 'AssumedRole',
      arn: session.assumedRoleArn,
      principalId: `${session.roleId}:${session.sessionName}`,
      accessKeyId: session.accessKeyId,
      sessionContext: {
        ...(session.sourceIdentity ? { sourceIdentity: session.sourceIdentity } : {}),
        sessionIssuer: { type: 'Role', arn: session.roleArn, userName: session.roleName },
        attributes: { creationDate: new Date(session.issuedAt).toISOString(), mfaAuthenticated: 'false' },
      },
    };
  }
  if (!key) return { type: 'Unknown', sessionContext: {} };
  const name = key.principal ?? key.accessKeyId;
  return {
    type: 'IAMUser',
    arn: `arn:aws:iam::${accountId}:user/${name}`,
    principalId: `AIDA${key.accessKeyId.slice(4, 20)}`,
    accessKeyId: key.accessKeyId,
    sessionContext: {},
  };
}

export class Trail {
  private events: TrailEvent[] = [];

  add(event: Omit<TrailEvent, 'eventVersion' | 'requestParameters'> & { requestParameters: unknown }): void {
    this.events.push({ eventVersion: '1.09', ...event, requestParameters: redact(event.requestParameters) });
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
  }

  clear(): void {
    this.events = [];
  }

  list(filter: { eventName?: string | null; since?: string | null }): TrailEvent[] {
    return this.events.filter(
      (e) => (!filter.eventName || e.eventName === filter.eventName) && (!filter.since || e.eventTime >= filter.since),
    );
  }
}
