/** Liveness for load balancers and the demo launcher: no secrets, no auth (DESIGN.md §5). */
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
