/// <reference lib="webworker" />
/**
 * Scores passwords off the main thread, so typing never waits for zxcvbn. Loaded only when the
 * password field is first used (docs/architecture.md, "Passwords"), which keeps zxcvbn out of the first page load.
 */
import { estimateStrength } from '../lib/password/strength';

self.onmessage = (event: MessageEvent<{ password: string; words: string[] }>) => {
  const { password, words } = event.data;
  (self as unknown as Worker).postMessage({ password, score: estimateStrength(password, words).score });
};
