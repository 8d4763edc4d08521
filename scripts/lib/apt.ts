/**
 * Installs Debian packages for the test servers when their programs are missing: only as root on
 * a machine with apt-get (otherwise says what to run), with `apt-get update` first, and without
 * recommended packages, so nothing else arrives.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function ensurePackages(what: string, programs: string[], packages: string[], debconf?: string): void {
  if (programs.every((p) => existsSync(p))) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`${what} is not installed: sudo apt-get install --no-install-recommends ${packages.join(' ')} (Debian 12), then run this again.`);
  }
  console.log(`No ${what} found: installing Debian's ${packages.join(', ')} (apt-get).`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (debconf) execFileSync('debconf-set-selections', { input: debconf, env });
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  const missing = programs.filter((p) => !existsSync(p));
  if (missing.length > 0) throw new Error(`installed ${packages.join(' ')} but ${missing.join(', ')} is still missing`);
}
