import { describe, expect, it } from 'vitest';
import { isInstalledStatus } from './apt';

describe('isInstalledStatus', () => {
  it('counts only the state "installed"', () => {
    expect(isInstalledStatus('install ok installed')).toBe(true);
    expect(isInstalledStatus('hold ok installed\n')).toBe(true);
    // Known to apt, never installed: a fresh machine's samba. It ends in "installed" too.
    expect(isInstalledStatus('unknown ok not-installed')).toBe(false);
    expect(isInstalledStatus('deinstall ok config-files')).toBe(false);
    expect(isInstalledStatus('install ok half-configured')).toBe(false);
    expect(isInstalledStatus('')).toBe(false);
  });
});
