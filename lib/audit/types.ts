/** Audit events (docs/errors.md, "The audit log"). Never a password or a token: there is no field that could hold one. */
export type AuditEventType =
  | 'password.reset.requested'
  | 'password.reset.succeeded'
  | 'password.reset.failed'
  | 'password.reset.invalid'
  | 'password.reset.refused'
  | 'access.denied'
  | 'rate.limited'
  | 'sign-in'
  | 'audit.purged'
  | 'audit.exported'
  | 'session.revoked'
  | 'session.expired'
  | 'audit.tampered'
  | 'handover.created'
  | 'handover.revealed'
  | 'handover.expired'
  | 'notice.sent'
  | 'notice.failed'
  // Migration waves (docs/migrations.md): each person's reset uses the password.reset.* types with the wave id.
  | 'wave.created'
  | 'wave.approved'
  | 'wave.cancelled'
  | 'wave.started'
  | 'wave.finished'
  | 'wave.exported'
  | 'wave.refused';

export interface AuditEventInput {
  type: AuditEventType;
  actor: { subject: string; email: string; name: string; role: string };
  organizationId?: string;
  person?: { id?: string; email?: string; name?: string };
  outcome: string;
  errorCode?: string;
  requestId?: string;
  reason?: string;
  clientIp?: string;
  userAgent?: string;
  checkpointHash?: string;
  /** A summary of identical refusals: how many were counted instead of written. */
  repeatCount?: number;
  /** The directory's own name for the failure (an exception name, an LDAP result), beside the portal's `errorCode`. */
  providerCode?: string;
  /** On a succeeded reset: whether the person must choose their own password at next sign-in. */
  requireChange?: 'applied' | 'refused' | 'not-asked' | 'unsupported';
  /** On a reset's outcome: whether it ran under a role session that names the operator in the directory's own log, and which. */
  roleSession?: { kind: 'role'; role: string; identity: string } | { kind: 'portal' };
  /** The migration wave this event belongs to (docs/migrations.md). */
  waveId?: string;
}

export interface AuditEvent {
  id: number;
  time: string;
  type: AuditEventType;
  actorSubject: string;
  actorEmail: string;
  actorName: string;
  actorRole: string;
  organizationId: string | null;
  personId: string | null;
  personEmail: string | null;
  personName: string | null;
  outcome: string;
  errorCode: string | null;
  requestId: string | null;
  reason: string | null;
  clientIp: string | null;
  userAgent: string | null;
  prevHash: string;
  checkpointHash: string | null;
  repeatCount: number | null;
  providerCode: string | null;
  requireChange: string | null;
  roleSession: string | null;
  roleArn: string | null;
  sourceIdentity: string | null;
  waveId: string | null;
  hash: string;
}
