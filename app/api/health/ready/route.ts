/**
 * Readiness for load balancers and orchestrators: 200 when every check of lib/readiness passes,
 * 503 when any fails, each check named with ok or error (docs/deployment.md). No secrets, no auth.
 */
import { readiness } from '@/lib/readiness';

export const dynamic = 'force-dynamic';

export async function GET() {
  const { ready, checks } = await readiness();
  return Response.json(
    { status: ready ? 'ready' : 'not-ready', checks },
    { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
