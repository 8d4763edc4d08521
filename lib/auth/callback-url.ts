import { firstParam } from '../search-params';

/**
 * Where to send an operator after sign-in. Only a path on this site: an absolute URL to another
 * origin, a protocol-relative `//host` or a backslash trick would make the portal an open
 * redirect, so anything but a same-origin path falls back to the home page.
 */
export function safeCallbackPath(raw: string | string[] | undefined | null, origin: string): string {
  const value = firstParam(raw);
  if (!value) return '/';
  try {
    const base = new URL(origin);
    const target = new URL(value, base);
    if (target.origin !== base.origin) return '/';
    if (/^\/(sign-in|api\/auth)(\/|$|\?)/.test(target.pathname)) return '/';
    return `${target.pathname}${target.search}${target.hash}` || '/';
  } catch {
    return '/';
  }
}
