/**
 * `tsx scripts/ensure-browser.ts`: makes sure a Chromium exists for the end-to-end tests. When
 * neither Playwright's browser nor a system one is present and we run as root on Debian, installs
 * Debian's `chromium`; otherwise explains how to get one and fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { playwrightChromium, systemChromium } from './browser';

function main(): number {
  const found = playwrightChromium() ?? systemChromium();
  if (found) {
    console.log(`e2e browser: ${found}`);
    return 0;
  }
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log("No Chromium found: installing Debian's chromium package (apt-get).");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    const installed = systemChromium();
    if (installed) {
      console.log(`e2e browser: ${installed}`);
      return 0;
    }
  }
  console.error(
    [
      'No Chromium for the end-to-end tests. Either:',
      '  - npx playwright install chromium       (needs internet access to the browser CDN), or',
      '  - sudo apt-get install chromium         (Debian/Ubuntu; the tests find /usr/bin/chromium).',
    ].join('\n'),
  );
  return 1;
}

process.exit(main());
