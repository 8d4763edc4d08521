/** Liveness for load balancers and the demo launcher: no secrets, no auth. Readiness is /api/health/ready. */
import { freshSecurityHeaders } from '@/lib/response-headers';

export const dynamic = 'force-dynamic';

export function GET() {
  // proxy.ts skips this route (it is called every few seconds), so the headers are set here.
  return Response.json({ status: 'ok' }, { headers: freshSecurityHeaders().headers });
}
