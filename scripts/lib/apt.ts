/**
 * Installs Debian packages for the test servers when they are missing: only as root on a machine
 * with apt-get (otherwise says what to run), with `apt-get update` first, and without recommended
 * packages, so nothing else arrives.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * dpkg's status is "want error state": only the state "installed" counts. "unknown ok not-installed"
 * (a package apt knows of but never installed) and "deinstall ok config-files" (removed) do not,
 * though the first also ends in "installed".
 */
export const isInstalledStatus = (status: string) => status.trim().split(/\s+/)[2] === 'installed';

function installed(pkg: string): boolean {
  try {
    return isInstalledStatus(execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { stdio: ['ignore', 'pipe', 'ignore'] }).toString());
  } catch {
    return false;
  }
}

export function ensurePackages(what: string, packages: string[], debconf?: string): void {
  const missing = packages.filter((p) => !installed(p));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `${what} is not installed: sudo apt-get install --no-install-recommends ${missing.join(' ')} (Debian 12), then run this again.`,
    );
  }
  console.log(`${what}: installing Debian's ${missing.join(', ')} (apt-get).`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (debconf) execFileSync('debconf-set-selections', { input: debconf, env });
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  const still = missing.filter((p) => !installed(p));
  if (still.length > 0) throw new Error(`apt-get ran but ${still.join(', ')} is still not installed`);
}
