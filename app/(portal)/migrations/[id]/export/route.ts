/**
 * POST /migrations/<id>/export: the wave's CSV, once (lib/migrations/export.ts). A POST, so no
 * prefetch or crawler can spend the one download; the proxy checks it came from the portal's own
 * page. A refusal answers 409 with the reason in words (components/wave-download.tsx shows it).
 * The passwords in it need the fresh sign-in of a reset (lib/auth/step-up.ts), checked here.
 */
import { getActor } from '@/lib/auth/current-actor';
import { STEP_UP_TEXT } from '@/lib/auth/step-up';
import { currentStepUpReason, refuseWithoutStepUp } from '@/lib/auth/step-up-check';
import { takeExport } from '@/lib/migrations/export';

export const dynamic = 'force-dynamic';

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const actor = await getActor();
  const id = (await params).id;
  if (!actor || actor.role !== 'admin') return new Response('Not found.\n', { status: 404, headers: { 'cache-control': 'no-store' } });
  const refuse = (status: number, message: string) =>
    new Response(JSON.stringify({ message }), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
  // Refused and audited before the one download is spent; the wave page asked "Confirm it's you" already.
  if (await refuseWithoutStepUp(actor, {})) return refuse(409, STEP_UP_TEXT[(await currentStepUpReason()) ?? 'stale']);
  const result = await takeExport(actor, id);
  if (result.status !== 'ok') return refuse(result.refusal === 'not-found' ? 404 : 409, result.message);
  return new Response(result.csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${result.fileName}"`,
      'cache-control': 'no-store',
    },
  });
}
