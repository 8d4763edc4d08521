/**
 * The emulator at benchmark scale (issue 2): generate 100,000 people in one organization, then
 * ListUsers with prefix filters through the real SDK, and the emulator's resident memory.
 */
import { ListUsersCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import { DEMO_CREDENTIALS } from '../scripts/demo-env';
import { percentile, rssMb, startProcess, stopProcess, timeEach, type Result } from './lib';
import { EXAMPLE_ORG_ID } from '../emulators/workmail/seed';

const ORG = EXAMPLE_ORG_ID;
const PEOPLE = 100_000;
const PREFIXES = ['avery.', 'blake.c', 'j', 'quinn.olsen.1', 'rowan.', 'sage.stone.9', 'zz-no-match', 'taylor.v'];

export async function benchEmulator(): Promise<Result[]> {
  const { child, match } = await startProcess(['emulators/workmail/main.ts', '--port', '0'], /listening on (http:\/\/\S+)/);
  const url = match[1]!;
  const client = new WorkMailClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: DEMO_CREDENTIALS,
  });
  try {
    const rssBefore = rssMb(child.pid!);
    const started = performance.now();
    const res = await fetch(`${url}/__control/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organization: 'example', users: PEOPLE }),
    });
    if (!res.ok) throw new Error(`generate failed: ${res.status} ${await res.text()}`);
    const generateMs = performance.now() - started;

    const byPrefix = (i: number) => {
      const prefix = PREFIXES[i % PREFIXES.length]!;
      const Filters =
        i % 3 === 0
          ? { UsernamePrefix: prefix }
          : i % 3 === 1
            ? { PrimaryEmailPrefix: prefix }
            : { DisplayNamePrefix: prefix.split('.')[0] };
      return client.send(new ListUsersCommand({ OrganizationId: ORG, MaxResults: 100, Filters }));
    };
    await timeEach(100, byPrefix); // warm-up: sorted indexes are built on first use, and the JIT settles
    await fetch(`${url}/__control/calls`, { method: 'DELETE' });
    const samples = await timeEach(400, byPrefix);
    const rssAfter = rssMb(child.pid!);
    const logged = (await (await fetch(`${url}/__control/calls?operation=ListUsers`)).json()) as { calls: Array<{ durationMs: number }> };
    const server = logged.calls.map((c) => c.durationMs);

    return [
      { benchmark: 'emulator', metric: `generate ${PEOPLE.toLocaleString('en')} people`, value: generateMs / 1000, unit: 's', budget: 10 },
      { benchmark: 'emulator', metric: 'ListUsers prefix p95 in the emulator', value: percentile(server, 95), unit: 'ms', budget: 5 },
      { benchmark: 'emulator', metric: 'ListUsers prefix p50 round trip (SDK, HTTP)', value: percentile(samples, 50), unit: 'ms' },
      { benchmark: 'emulator', metric: 'ListUsers prefix p95 round trip (SDK, HTTP)', value: percentile(samples, 95), unit: 'ms' },
      { benchmark: 'emulator', metric: 'RSS at start (demo seed)', value: rssBefore, unit: 'MB' },
      { benchmark: 'emulator', metric: `RSS with ${PEOPLE.toLocaleString('en')} people`, value: rssAfter, unit: 'MB', budget: 300 },
    ];
  } finally {
    client.destroy();
    await stopProcess(child);
  }
}
