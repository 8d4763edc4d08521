import { describe, expect, it } from 'vitest';
import { auditVerdict } from './dependency-audit';

const report = (counts: Record<string, number>, vulnerabilities: Record<string, { severity: string }> = {}) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...counts } },
  });

describe('the dependency audit verdict', () => {
  it('fails on a high or a critical advisory and names the packages', () => {
    expect(auditVerdict(report({ high: 1 }, { next: { severity: 'high' } }))).toEqual(
      expect.objectContaining({ kind: 'vulnerable', packages: ['next (high)'] }),
    );
    expect(auditVerdict(report({ critical: 2 }, { a: { severity: 'critical' }, b: { severity: 'low' } }))).toMatchObject({
      kind: 'vulnerable',
      packages: ['a (critical)'],
    });
  });

  it('passes on low and moderate advisories', () => {
    expect(auditVerdict(report({ low: 3, moderate: 1 }))).toMatchObject({ kind: 'clean' });
  });

  it('says when the advisory service could not be asked, rather than calling it clean', () => {
    const blocked = JSON.stringify({
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
    });
    expect(auditVerdict(blocked)).toEqual({ kind: 'unchecked', reason: expect.stringContaining('405') });
    expect(auditVerdict('')).toMatchObject({ kind: 'unchecked' });
  });
});
