/**
 * POST /migrations/<id>/export: the wave's CSV, once (lib/migrations/export.ts). A POST, so no
 * prefetch or crawler can spend the one download; the proxy checks it came from the portal's own
 * page. A refusal answers 409 with the reason in words (components/wave-download.tsx shows it).
 */
import { getActor } from '@/lib/auth/current-actor';
import { takeExport } from '@/lib/migrations/export';

export const dynamic = 'force-dynamic';

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const actor = await getActor();
  const id = (await params).id;
  if (!actor || actor.role !== 'admin') return new Response('Not found.\n', { status: 404, headers: { 'cache-control': 'no-store' } });
  const result = await takeExport(actor, id);
  if (result.status !== 'ok') {
    const status = result.refusal === 'not-found' ? 404 : 409;
    return new Response(JSON.stringify({ message: result.message }), {
      status,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    });
  }
  return new Response(result.csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${result.fileName}"`,
      'cache-control': 'no-store',
    },
  });
}
