/**
 * Which Chromium the end-to-end tests run: Playwright's own when it was downloaded, otherwise the
 * system one. Playwright's browser download is impossible on machines without internet access,
 * where Debian's packages are the way (docs/architecture.md, "Stack").
 *
 * For headless tests Debian's `chromium-headless-shell` comes first: the same Blink without the
 * browser's UI and GPU processes. On the suite's four heaviest specs it took 102–107 s against
 * 146–151 s with the full `chromium`, side by side, every test passing on both. Lighthouse (the
 * bench) and `--headed` debugging need the full browser: `systemChromium()`, or
 * `E2E_CHROMIUM=/usr/bin/chromium` for the tests.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const SYSTEM_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

export function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The full browser (Lighthouse needs it). */
export function systemChromium(): string | undefined {
  return SYSTEM_CHROMIUM.find((path) => existsSync(path));
}

/** The system's headless Chromium: `E2E_CHROMIUM` when set, else the headless shell, else the full browser. */
export function systemHeadlessChromium(): string | undefined {
  const chosen = process.env.E2E_CHROMIUM;
  if (chosen) return chosen;
  return existsSync(SYSTEM_HEADLESS_SHELL) ? SYSTEM_HEADLESS_SHELL : systemChromium();
}

/** The executable to pass as `launchOptions.executablePath` for headless runs; undefined means Playwright's own. */
export function chromiumExecutable(): string | undefined {
  if (process.env.E2E_CHROMIUM) return process.env.E2E_CHROMIUM;
  return playwrightChromium() ? undefined : systemHeadlessChromium();
}
