/**
 * Who sent a request, for the audit log: the client address as the reverse proxy reports it
 * (the first X-Forwarded-For entry, else X-Real-IP) and the user agent. Only as trustworthy as
 * the proxy in front (docs/deployment.md); recorded, never used to decide anything.
 */
export function requestClient(h: Headers): { clientIp?: string; userAgent?: string } {
  return {
    clientIp: h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || undefined,
    userAgent: h.get('user-agent') ?? undefined,
  };
}
