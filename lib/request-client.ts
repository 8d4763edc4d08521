import { isIP } from 'node:net';
import { config } from './config';

/**
 * Who sent a request, for the audit log: the client address and the user agent. Recorded, never
 * used to decide anything.
 *
 * The address comes from `X-Forwarded-For`, read from the right: each reverse proxy appends the
 * address it was connected from, so only the last `TRUSTED_PROXY_HOPS` entries were written by
 * proxies we run; anything left of them is whatever the client claimed. With 0 hops the portal
 * faces clients itself: proxy.ts drops any `X-Forwarded-For` the client sent, and Next.js then
 * fills the header with the connection's own address (docs/configuration.md, "Reverse proxies").
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedHops: number): string | undefined {
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  // Fewer entries than proxies: the request skipped one; the leftmost is the furthest we know.
  const entry = entries[Math.max(0, entries.length - Math.max(trustedHops, 1))]!;
  return plainAddress(entry);
}

/** `203.0.113.9`, `2001:db8::1`, also with a port (`203.0.113.9:443`, `[2001:db8::1]:443`); else nothing. */
function plainAddress(entry: string): string | undefined {
  if (isIP(entry)) return entry;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed && isIP(bracketed[1]!) === 6) return bracketed[1];
  const withPort = /^([\d.]+):\d+$/.exec(entry);
  if (withPort && isIP(withPort[1]!) === 4) return withPort[1];
  return undefined;
}

export function requestClient(h: Headers, trustedHops = config().trustedProxyHops): { clientIp?: string; userAgent?: string } {
  return {
    clientIp: clientAddress(h.get('x-forwarded-for'), trustedHops),
    userAgent: h.get('user-agent') ?? undefined,
  };
}
