/** Liveness for load balancers and the demo launcher: no secrets, no auth. Readiness is /api/health/ready. */
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
