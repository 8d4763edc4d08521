/**
 * What `npm audit --json` means for CI: fail on a high or critical advisory in the production
 * dependencies; say plainly when the advisory service could not be asked. Pure, so it is tested
 * against recorded answers.
 */
export type AuditVerdict =
  | { kind: 'clean'; counts: Record<string, number> }
  | { kind: 'vulnerable'; counts: Record<string, number>; packages: string[] }
  | { kind: 'unchecked'; reason: string };

const FAILING = ['high', 'critical'] as const;

interface NpmAuditJson {
  vulnerabilities?: Record<string, { severity?: string }>;
  metadata?: { vulnerabilities?: Record<string, number> };
  message?: string;
  error?: { summary?: string } | string;
}

export function auditVerdict(stdout: string): AuditVerdict {
  let report: NpmAuditJson;
  try {
    report = JSON.parse(stdout) as NpmAuditJson;
  } catch {
    return { kind: 'unchecked', reason: 'npm audit did not answer with JSON' };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) {
    const error = typeof report.error === 'string' ? report.error : report.error?.summary;
    return { kind: 'unchecked', reason: report.message ?? error ?? 'npm audit gave no vulnerability counts' };
  }
  const packages = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => (FAILING as readonly string[]).includes(v.severity ?? ''))
    .map(([name, v]) => `${name} (${v.severity})`);
  const failing = FAILING.reduce((n, s) => n + (counts[s] ?? 0), 0);
  return failing > 0 ? { kind: 'vulnerable', counts, packages } : { kind: 'clean', counts };
}
