/**
 * GET /migrations/<id>/progress: the run's counts as JSON, polled by the wave page. Looking at a
 * running wave also resumes it when its runner is gone (lib/migrations/run.ts).
 */
import { getActor } from '@/lib/auth/current-actor';
import { waveView } from '@/lib/migrations/view';
import { ensureRunning } from '@/lib/migrations/run';

export const dynamic = 'force-dynamic';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const actor = await getActor();
  if (!actor || actor.role !== 'admin') return json(404, { error: 'not found' });
  const view = await waveView(actor, (await params).id);
  if (!view) return json(404, { error: 'not found' });
  if (view.wave.state === 'running') ensureRunning(view.wave.id);
  return json(200, view.progress);
}
