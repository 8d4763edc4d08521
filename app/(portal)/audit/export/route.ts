/**
 * GET /audit/export?<the page's filters>: the filtered events as CSV, streamed a batch at a time
 * so a large export never sits in memory. Same scope as the page; the export itself is audited.
 */
import { auditScope } from '@/lib/access/can';
import { csvHeader, csvRow } from '@/lib/audit/csv';
import { filterParams, parseAuditFilter } from '@/lib/audit/filter';
import { eachEvent } from '@/lib/audit/query';
import { appendEvent } from '@/lib/audit/store';
import { getActor } from '@/lib/auth/current-actor';
import { requestClient } from '@/lib/request-client';

export const dynamic = 'force-dynamic';

const text = (status: number, message: string) =>
  new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

export async function GET(request: Request): Promise<Response> {
  const actor = await getActor();
  if (!actor) return text(401, 'Sign in first.');
  const scope = auditScope(actor);
  if (scope.kind === 'none') return text(403, 'You have no role in this portal.');
  const parsed = parseAuditFilter(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.ok) return text(400, `These filters cannot be used: ${parsed.problems.join(' ')}`);

  const filter = { ...parsed.filter, page: 1 };
  // Recorded before the first byte: an export that cannot be audited does not happen.
  await appendEvent({
    type: 'audit.exported',
    actor,
    outcome: 'exported',
    reason: filterParams(filter).toString() || 'all events',
    ...requestClient(request.headers),
  });

  const events = eachEvent(filter, scope);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvHeader()));
    },
    async pull(controller) {
      let chunk = '';
      // About a batch per pull: the client's reading pace sets ours.
      for (let i = 0; i < 200; i++) {
        const next = await events.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvRow(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${stamp}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
