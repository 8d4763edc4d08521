/**
 * The audit export's CSV (RFC 4180): every field quoted when needed, and cells that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR first) prefixed with an apostrophe (OWASP "CSV
 * injection"): a person's display name is text anyone with a mailbox can influence.
 */
import type { AuditEvent } from './types';

export const CSV_COLUMNS: Array<[string, (e: AuditEvent) => string | number | null]> = [
  ['id', (e) => e.id],
  ['time', (e) => e.time],
  ['type', (e) => e.type],
  ['operator_subject', (e) => e.actorSubject],
  ['operator_email', (e) => e.actorEmail],
  ['operator_name', (e) => e.actorName],
  ['operator_role', (e) => e.actorRole],
  ['organization_id', (e) => e.organizationId],
  ['person_id', (e) => e.personId],
  ['person_email', (e) => e.personEmail],
  ['person_name', (e) => e.personName],
  ['outcome', (e) => e.outcome],
  ['error_code', (e) => e.errorCode],
  ['request_id', (e) => e.requestId],
  ['reason', (e) => e.reason],
  ['client_ip', (e) => e.clientIp],
  ['user_agent', (e) => e.userAgent],
  ['prev_hash', (e) => e.prevHash],
  ['checkpoint_hash', (e) => e.checkpointHash],
  ['hash', (e) => e.hash],
  // Added later, at the end, so readers that take columns by position keep working.
  ['provider_code', (e) => e.providerCode],
  ['require_change', (e) => e.requireChange],
  ['role_session', (e) => e.roleSession],
  ['role_arn', (e) => e.roleArn],
  ['source_identity', (e) => e.sourceIdentity],
  ['wave_id', (e) => e.waveId],
];

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = (): string => `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`;

export const csvRow = (event: AuditEvent): string => `${CSV_COLUMNS.map(([, get]) => csvCell(get(event))).join(',')}\r\n`;
