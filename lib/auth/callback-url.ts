import { firstParam } from '../search-params';

/** Where an operator lands when the return address is missing or not one of ours. */
export const DEFAULT_CALLBACK = '/users';

/** A path of this site: one leading `/`, not followed by `/` or `\` (either would name another host). */
const LOCAL_PATH = /^\/(?![/\\])/;
/** Pages that must never be a return address: they would loop or sign the operator out. */
const NO_RETURN = /^\/(sign-in|api\/auth)(\/|$)/;

/** Decodes percent-escapes until nothing changes (a few rounds), so `%252F` cannot hide a slash. */
function fullyDecoded(text: string): string | undefined {
  let current = text;
  for (let round = 0; round < 4; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  return undefined;
}

/**
 * Where to send an operator after sign-in: only a path of this portal. Browsers drop tabs and
 * newlines from URLs, read `\` as `/` and resolve `/./` segments, so `/.//evil.example`,
 * `/\evil`, `/%2F%2Fevil` or an absolute URL whose path starts with `//` would make the portal
 * an open redirect. The value is normalised as a browser would, then it must be a same-origin
 * path starting with a single `/` (also after decoding); anything else becomes /users.
 */
export function safeCallbackPath(raw: string | string[] | undefined | null, origin: string): string {
  const value = firstParam(raw)
    ?.replace(/[\t\n\r]/g, '')
    .trim();
  if (!value) return DEFAULT_CALLBACK;
  try {
    const base = new URL(origin);
    const target = new URL(value, base);
    if (target.origin !== base.origin) return DEFAULT_CALLBACK;
    const path = `${target.pathname}${target.search}${target.hash}`;
    const decoded = fullyDecoded(target.pathname);
    if (decoded === undefined || !LOCAL_PATH.test(path) || !LOCAL_PATH.test(decoded)) return DEFAULT_CALLBACK;
    if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return DEFAULT_CALLBACK;
    if (NO_RETURN.test(decoded)) return DEFAULT_CALLBACK;
    return path;
  } catch {
    return DEFAULT_CALLBACK;
  }
}
