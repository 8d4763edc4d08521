/**
 * The proxy's checks on requests that can change something (docs/security.md, "Requests that
 * change state"). Next.js runs a server action for any POST that names one, with a `Next-Action`
 * header or as a plain multipart form (`$ACTION_ID_…`, `$ACTION_REF_…` fields, the no-JavaScript
 * path), and lets one without `Origin` through. So every method but GET and HEAD must show that a
 * page of the portal sent it, whatever its headers or body.
 */
import { isSameOrigin } from './security-headers';

/** A reset form is a few hundred bytes; anything this large is not ours (next.config.ts has the same). */
export const MAX_BODY_BYTES = 64 * 1024;

/** RFC 9110's safe methods that Next.js answers; everything else may change state. */
export function changesState(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

/**
 * Same origin as the browser tells it: an `Origin` of the portal (or of ALLOWED_ORIGINS), or, when
 * a browser left `Origin` out or sent `null`, `Sec-Fetch-Site: same-origin`. A `Sec-Fetch-Site`
 * naming any other relation refuses even a matching `Origin`; a request with neither is refused.
 *
 * `Origin: null` is what a browser sends for our own no-JavaScript form posts: the pages carry
 * `Referrer-Policy: no-referrer`, under which the Fetch standard serializes a POST's origin as
 * `null` (a Sign out pressed before the page's script has run). The other senders of `null`
 * (sandboxed frames, data: URLs, a redirect through another origin) are never `same-origin` in
 * `Sec-Fetch-Site`, which the browser sets and no page can forge.
 */
export function fromOwnPages(headers: Headers, portalUrl: string, allowedHosts: readonly string[]): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const origin = headers.get('origin');
  if (origin !== null && origin !== 'null') return isSameOrigin(origin, portalUrl, allowedHosts);
  return site === 'same-origin';
}

/**
 * The Origin to hand on to Next.js for a request that fromOwnPages let through, when it must change.
 * Next.js aborts a server action whose Origin is `null` with a bare 500; our own no-JavaScript
 * forms send exactly that (see fromOwnPages), and the browser's `Sec-Fetch-Site: same-origin` has
 * vouched for them. So they go on with the origin the browser would have sent: the address it
 * posted to, as a reverse proxy passes it on (Host or X-Forwarded-Host, which is also what Next.js
 * compares), when that is the portal's or an ALLOWED_ORIGINS host; otherwise the portal's own.
 * Any other Origin goes on as sent (undefined: leave it).
 */
export function vouchedOrigin(headers: Headers, portalUrl: string, allowedHosts: readonly string[]): string | undefined {
  if (headers.get('origin') !== 'null') return undefined;
  const first = (name: string) => headers.get(name)?.split(',')[0]?.trim() || undefined;
  const host = first('x-forwarded-host') ?? first('host');
  const scheme = first('x-forwarded-proto') ?? new URL(portalUrl).protocol.slice(0, -1);
  const posted = host ? `${scheme}://${host}` : undefined;
  return posted && isSameOrigin(posted, portalUrl, allowedHosts) ? new URL(posted).origin : new URL(portalUrl).origin;
}

/**
 * Is the body larger than `limit`? A declared `Content-Length` answers at once; a chunked body
 * (no length) is counted as it streams, and reading stops at the first byte over the limit.
 * Next.js hands the proxy a copy of the body, so reading it here leaves the original intact.
 */
export async function bodyTooLarge(request: Request, limit = MAX_BODY_BYTES): Promise<boolean> {
  const declared = request.headers.get('content-length');
  if (declared !== null) return !/^\d+$/.test(declared.trim()) || Number(declared) > limit;
  if (!request.body) return false;
  const reader = request.body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return true;
    }
  }
}
