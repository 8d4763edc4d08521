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
 * a browser left `Origin` out, `Sec-Fetch-Site: same-origin`. A `Sec-Fetch-Site` naming any other
 * relation refuses even a matching `Origin`; a request with neither header is refused.
 */
export function fromOwnPages(headers: Headers, portalUrl: string, allowedHosts: readonly string[]): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const origin = headers.get('origin');
  if (origin !== null) return isSameOrigin(origin, portalUrl, allowedHosts);
  return site === 'same-origin';
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
