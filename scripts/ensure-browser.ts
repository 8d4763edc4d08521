/**
 * `tsx scripts/ensure-browser.ts`: makes sure a Chromium exists for the end-to-end tests. When
 * neither Playwright's browser nor Debian's headless shell is present and we run as root on Debian,
 * installs Debian's `chromium-headless-shell` (lighter than the full browser: scripts/browser.ts);
 * otherwise settles for the full `chromium`, or explains how to get a browser and fails.
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
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log("No headless Chromium found: installing Debian's chromium-headless-shell package (apt-get).");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium-headless-shell'], { stdio: 'inherit', env });
  }
  // The shell just installed, or (not root, not Debian) the full browser, which runs the tests too, only slower.
  const browser = systemHeadlessChromium();
  if (browser) {
    const hint = browser === SYSTEM_HEADLESS_SHELL ? '' : ' (chromium-headless-shell would take about a third less time)';
    console.log(`e2e browser: ${browser}${hint}`);
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
