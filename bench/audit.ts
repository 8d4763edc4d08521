/**
 * Issue 6's audit benchmarks, on SQLite and on PostgreSQL side by side, with 100,000 events:
 *   B8  appends through the write lock from 8 concurrent writers (two handles on PostgreSQL,
 *       as two instances): throughput and p95;
 *   B9  the /audit queries: first page, an operator filter, a deep page (p95 each);
 *   B10 the CSV export streamed end to end: time and heap growth (it must not hold the log);
 *   B11 audit:verify over the whole chain.
 */
import { createHash } from 'node:crypto';
import { freshDatabase, type TestBackend } from '../test/databases';
import { openDatabase, type AuditDatabase } from '../lib/audit/db';
import { csvRow } from '../lib/audit/csv';
import { parseAuditFilter, type AuditFilter } from '../lib/audit/filter';
import { GENESIS } from '../lib/audit/hash';
import { eachEvent, findEvents } from '../lib/audit/query';
import { appendEvent, eventRow, verifyChain } from '../lib/audit/store';
import type { AuditEventInput } from '../lib/audit/types';
import { percentile, timeEach, type Result } from './lib';
import { EXAMPLE_ORG_ID } from '../emulators/workmail/seed';

const EVENTS = 100_000;
const APPENDS = 400;
const WRITERS = 8;

const filter = (params: Record<string, string>): AuditFilter => {
  const parsed = parseAuditFilter(params);
  if (!parsed.ok) throw new Error(parsed.problems.join(' '));
  return parsed.filter;
};

/** Writes a long, valid chain quickly: rows linked here, inserted a thousand at a time. */
async function seed(handle: AuditDatabase): Promise<void> {
  let prev = GENESIS;
  const start = Date.now() - EVENTS * 60_000;
  for (let base = 0; base < EVENTS; base += 1000) {
    const rows = [];
    for (let i = base; i < base + 1000; i++) {
      const operator = i % 50;
      const denied = i % 10 === 0;
      const event: AuditEventInput = {
        type: denied ? 'access.denied' : 'password.reset.succeeded',
        actor: {
          subject: `op-${operator}`,
          email: `operator${operator}@example.com`,
          name: `Operator ${operator}`,
          role: operator < 5 ? 'admin' : 'lead',
        },
        organizationId: EXAMPLE_ORG_ID,
        person: {
          id: `u-${createHash('md5').update(String(i)).digest('hex').slice(0, 12)}`,
          email: `person${i}@example.com`,
          name: `Person ${i}`,
        },
        outcome: denied ? 'denied' : 'succeeded',
        reason: i % 7 === 0 ? `INC-${i}` : undefined,
        clientIp: '203.0.113.7',
        userAgent: 'Mozilla/5.0 (bench)',
      };
      const row = eventRow(event, new Date(start + i * 60_000), prev);
      rows.push(row);
      prev = row.hash;
    }
    await handle.db.insertInto('audit_events').values(rows).execute();
  }
}

async function one(backend: TestBackend): Promise<Result[]> {
  const target = await freshDatabase(backend);
  const a = await openDatabase(target.url);
  const b = backend === 'postgres' ? await openDatabase(target.url) : a;
  const name = backend === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  try {
    await seed(a);
    const actor = { subject: 'bench', email: 'bench@example.com', name: 'Bench', role: 'admin' };
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = w; i < APPENDS; i += WRITERS) {
          const t = performance.now();
          await appendEvent({ type: 'sign-in', actor, outcome: 'signed-in' }, w % 2 ? b : a);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const perSecond = APPENDS / ((performance.now() - started) / 1000);

    const all = { kind: 'all' } as const;
    const p95 = async (f: AuditFilter) => percentile(await timeEach(30, () => findEvents(f, all, a)), 95);
    const firstPage = await p95(filter({}));
    const byOperator = await p95(filter({ operator: 'operator7@' }));
    const deep = await p95(filter({ page: '1000' }));

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    let bytes = 0;
    let rows = 0;
    const exportStarted = performance.now();
    for await (const event of eachEvent(filter({}), all, a)) {
      bytes += csvRow(event).length;
      // Collected first: what the export holds, not the garbage it has not yet freed.
      if (++rows % 10_000 === 0) {
        global.gc?.();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    const exportSeconds = (performance.now() - exportStarted) / 1000;

    const verifyStarted = performance.now();
    const check = await verifyChain(a);
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    if (!check.ok || check.events !== EVENTS + APPENDS) throw new Error(`${name}: chain ${JSON.stringify(check)}`);

    const n = `${name}, ${EVENTS.toLocaleString('en')} events`;
    return [
      {
        benchmark: 'B8 audit append',
        metric: `${name}: ${WRITERS} concurrent writers${backend === 'postgres' ? ' on 2 pools' : ''}, throughput`,
        value: perSecond,
        unit: 'events/s',
        budget: 200,
        atLeast: true,
      },
      {
        benchmark: 'B8 audit append',
        metric: `${name}: append p95 under that load`,
        value: percentile(latencies, 95),
        unit: 'ms',
        budget: 100,
      },
      { benchmark: 'B9 /audit query', metric: `${n}: first page p95 (count + 50 rows)`, value: firstPage, unit: 'ms', budget: 150 },
      { benchmark: 'B9 /audit query', metric: `${n}: operator filter p95`, value: byOperator, unit: 'ms', budget: 300 },
      { benchmark: 'B9 /audit query', metric: `${n}: page 1000 p95`, value: deep, unit: 'ms', budget: 300 },
      {
        benchmark: 'B10 CSV export',
        metric: `${n}: streamed (${Math.round(bytes / 1e6)} MB of CSV)`,
        value: exportSeconds,
        unit: 's',
        budget: 20,
      },
      {
        benchmark: 'B10 CSV export',
        metric: `${n}: heap held while streaming (after GC)`,
        value: (peak - heapBefore) / 1e6,
        unit: 'MB',
        budget: 16,
      },
      { benchmark: 'B11 audit:verify', metric: `${n}: whole chain`, value: verifySeconds, unit: 's', budget: 20 },
    ];
  } finally {
    await a.close();
    if (b !== a) await b.close();
    await target.drop();
  }
}

export async function benchAudit(): Promise<Result[]> {
  return [...(await one('sqlite')), ...(await one('postgres'))];
}
