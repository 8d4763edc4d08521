/**
 * For tests: makes sure a test directory runs, by running its ensure script under a file lock (test
 * files run in parallel and would otherwise provision the same server twice). Returns a reason to
 * skip when the server cannot be had on this machine (packages missing and not root); any other
 * failure throws, so a broken script fails the tests instead of skipping them.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCRIPTS = {
  samba: { script: 'ensure-samba.ts', programs: ['/usr/sbin/samba', '/usr/bin/samba-tool'] },
  slapd: { script: 'ensure-openldap.ts', programs: ['/usr/sbin/slapd', '/usr/sbin/slapadd'] },
};
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Why this machine cannot run the server, or undefined when it can (installed, or root to install). */
export function cannotRun(server: keyof typeof SCRIPTS): string | undefined {
  if (SCRIPTS[server].programs.every((p) => existsSync(p))) return undefined;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) return undefined;
  return `${server} is not installed and this is not root with apt-get: skipping; run \`sudo npx tsx scripts/${SCRIPTS[server].script}\` once to install it`;
}

export function ensureTestDirectory(server: keyof typeof SCRIPTS): Promise<string> {
  return runLocked(server, []);
}

/** Stops Samba and keeps its data (the e2e case of a directory going away); ensureTestDirectory starts it again in a second or two. */
export function haltSamba(): Promise<string> {
  return runLocked('samba', ['--halt']);
}

function runLocked(server: keyof typeof SCRIPTS, args: string[]): Promise<string> {
  const lock = `/tmp/workmail-portal-${server}.lock`;
  return new Promise((resolve, reject) => {
    execFile(
      'flock',
      [lock, 'npx', 'tsx', `scripts/${SCRIPTS[server].script}`, ...args],
      { cwd: ROOT, timeout: 170_000 }, // under the tests' 180 s hook timeout, so the script's own error shows
      (err, stdout, stderr) => (err ? reject(new Error(`${SCRIPTS[server].script} failed: ${stderr || err.message}`)) : resolve(stdout)),
    );
  });
}
