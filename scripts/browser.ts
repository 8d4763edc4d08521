/**
 * Which Chromium the end-to-end tests run: Playwright's own when it was downloaded, otherwise the
 * system one. Playwright's browser download is impossible on machines without internet access,
 * where Debian's `chromium` package is the way (docs/architecture.md, "Stack").
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export function systemChromium(): string | undefined {
  return SYSTEM_CHROMIUM.find((path) => existsSync(path));
}

/** The executable to pass as `launchOptions.executablePath`; undefined means Playwright's own. */
export function chromiumExecutable(): string | undefined {
  return playwrightChromium() ? undefined : systemChromium();
}
