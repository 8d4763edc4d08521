/**
 * `tsx scripts/ensure-browser.ts`: makes sure a Chromium exists for the end-to-end tests. When
 * neither Playwright's browser nor Debian's headless shell is present and we run as root on Debian,
 * installs Debian's `chromium-headless-shell` (lighter than the full browser: scripts/browser.ts);
 * otherwise explains how to get one and fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { playwrightChromium, SYSTEM_HEADLESS_SHELL, systemHeadlessChromium } from './browser';

function main(): number {
  const found = process.env.E2E_CHROMIUM ?? playwrightChromium() ?? (existsSync(SYSTEM_HEADLESS_SHELL) ? SYSTEM_HEADLESS_SHELL : undefined);
  if (found) {
    console.log(`e2e browser: ${found}`);
    return 0;
  }
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log("No headless Chromium found: installing Debian's chromium-headless-shell package (apt-get).");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium-headless-shell'], { stdio: 'inherit', env });
    const installed = systemHeadlessChromium();
    if (installed) {
      console.log(`e2e browser: ${installed}`);
      return 0;
    }
  }
  // Not root, or not Debian: the full browser still runs the tests, only slower.
  const full = systemHeadlessChromium();
  if (full) {
    console.log(`e2e browser: ${full} (chromium-headless-shell would take about a third less time)`);
    return 0;
  }
  console.error(
    [
      'No Chromium for the end-to-end tests. Either:',
      '  - npx playwright install chromium       (needs internet access to the browser CDN), or',
      '  - sudo apt-get install chromium-headless-shell   (Debian/Ubuntu; the tests find /usr/bin/chromium-headless-shell).',
    ].join('\n'),
  );
  return 1;
}

process.exit(main());
