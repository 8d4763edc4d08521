'use client';

/** How long a copied password may stay on the clipboard. */
export const CLIPBOARD_CLEAR_MS = 60_000;

/**
 * Copies a password, and after a minute empties the clipboard if it still holds that password
 * (not something the operator copied since). Reading the clipboard needs the browser's permission:
 * where it is refused or unsupported, the clipboard is left alone rather than cleared blindly.
 */
export async function copySecret(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
  setTimeout(() => {
    void (async () => {
      try {
        if ((await navigator.clipboard.readText()) === text) await navigator.clipboard.writeText('');
      } catch {
        // Not allowed here (no permission, page in the background): nothing we may do.
      }
    })();
  }, CLIPBOARD_CLEAR_MS);
}
