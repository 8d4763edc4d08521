/**
 * Issue 14's benchmarks on the test Samba AD (scripts/ensure-samba.ts), each side by side with
 * direct ldapts calls in the same run (bench/lib.ts `sideBySide`):
 *   B13   the admin search (lib/people/search, as B1 drives it) over 20,000 people in OU=Bench ÷ one
 *        direct subtree prefix search over sAMAccountName, displayName and mail (and, without a
 *        budget, ÷ a direct search with the one field's filter the portal itself sends);
 *   B14  the reset action (lib/reset/perform-reset, as B3 drives it) − two direct round trips
 *        (a search for the person, then a Modify of unicodePwd).
 * The direct side uses one ldapts Client bound as the service account once and reused, like the
 * portal's pool (lib/providers/ldap/pool.ts) after its first call: neither side pays TLS and bind
 * per call, so the ratio is the portal's own work. Where Samba cannot run, the rows say so.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, Change, Client, escapeFilter } from 'ldapts';
import { BIND_PASSWORD_ENV, directoryEnvironment, directoryOrganization } from '../scripts/directory-policy';
import { cannotRun, ensureTestDirectory } from '../scripts/lib/ensure-test-directory';
import { SAMBA } from '../scripts/lib/test-directories';
import { FLAVOURS, prefixFilter } from '../lib/providers/ldap/flavours';
import { percentile, sideBySide, type Result } from './lib';
import { BENCH_OU, benchPerson, ensureBenchPeople } from './samba-people';

const ORG = 'bench-ad';
const PEOPLE = 20_000;
/** Adding people to Samba runs at tens per second on a busy machine: a first run stops adding here. */
const SETUP_DEADLINE_MS = 180_000;
const ROUNDS = 100;
const WARMUP = 5;
const QUERIES = ['avery', 'blake.c', 'devon.fox.1', 'quinn olsen', 'sage.stone', 'harper', 'kai.tran.368@example.com', 'zz-none'];
/** What the portal asks for (lib/providers/ldap/flavours.ts), so both sides carry the same entries back. */
const ATTRIBUTES = ['objectGUID', 'sAMAccountName', 'displayName', 'cn', 'mail', 'userAccountControl', 'whenCreated'];
const PEOPLE_FILTER = '(&(objectCategory=person)(objectClass=user))';

const B13 = 'B13 search on Samba AD';
const B14 = 'B14 reset on Samba AD';

function skipped(reason: string): Result[] {
  console.log(`bench: directory skipped: ${reason}`);
  return [B13, B14].map((benchmark) => ({ benchmark, metric: 'skipped: Samba cannot run here', value: 0, unit: '', note: reason }));
}

export async function benchDirectory(): Promise<Result[]> {
  const reason = cannotRun('samba');
  if (reason) return skipped(reason);
  await ensureTestDirectory('samba');
  const people = await ensureBenchPeople(PEOPLE, SETUP_DEADLINE_MS);
  const note =
    `${people.count} people in ${BENCH_OU}` +
    (people.count < PEOPLE ? ` (of ${PEOPLE}: adding stopped at ${SETUP_DEADLINE_MS / 1000} s; later runs add the rest)` : '') +
    (people.addRate ? `; this run added ${people.added} at ${people.addRate.toFixed(0)}/s` : '');
  console.log(`bench: directory: ${note}; setup ${people.seconds.toFixed(1)} s`);

  const dir = mkdtempSync(join(tmpdir(), 'bench-directory-'));
  const policyFile = join(dir, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({
      organizations: [directoryOrganization('samba', { id: ORG, alias: 'bench', peopleBaseDN: BENCH_OU, groupBaseDN: BENCH_OU })],
      admins: { groups: ['it-admins'] },
    }),
  );
  Object.assign(process.env, {
    ...directoryEnvironment('samba'),
    ACCESS_POLICY_FILE: policyFile,
    DATABASE_URL: `file:${join(dir, 'audit.db')}`,
    NEXTAUTH_SECRET: 'bench-secret-0123456789abcdef0123456789',
    RESET_LIMIT_PER_ACTOR: '10000',
  });
  const { actorFor } = await import('../lib/access/actor');
  const { portalPolicy } = await import('../lib/portal');
  const { peopleIndex, directory } = await import('../lib/people/directory');
  const { searchPeople, prefixFields } = await import('../lib/people/search');
  const { performReset } = await import('../lib/reset/perform-reset');
  const { formBinding } = await import('../lib/reset/binding');
  const admin = actorFor({ subject: 'alice', email: 'alice@example.com', name: 'Alice', groups: ['it-admins'] }, portalPolicy(policyFile));

  // The word index over everyone, built first as the running portal does at start (B1 too).
  const index = peopleIndex(ORG);
  const fillStarted = performance.now();
  await index.refreshIfStale();
  const fillMs = performance.now() - fillStarted;

  const direct = new Client({ url: SAMBA.url, connectTimeout: 5000, timeout: 10_000, tlsOptions: { ca: readFileSync(SAMBA.caFile) } });
  try {
    await direct.bind(SAMBA.service.bindDN, process.env[BIND_PASSWORD_ENV]!);
    const query = (i: number) => QUERIES[i % QUERIES.length]!;
    const prefixSearch = (filter: string) =>
      direct.search(BENCH_OU, { scope: 'sub', filter, sizeLimit: 51, attributes: ATTRIBUTES, explicitBufferAttributes: ['objectGUID'] });
    const everyField = (q: string) =>
      `(&${PEOPLE_FILTER}(|${['sAMAccountName', 'displayName', 'mail'].map((a) => `(${a}=${escapeFilter`${q}`}*)`).join('')}))`;
    const search = await sideBySide(
      ROUNDS,
      (i) => prefixSearch(everyField(query(i))),
      (i) => searchPeople(admin, ORG, query(i)),
      WARMUP,
    );
    // For the record: the direct search with the one field the portal itself asks for a query's
    // shape (lib/people/search.ts `prefixFields`), which scans less than all three.
    const byShape = await sideBySide(
      ROUNDS,
      (i) => prefixSearch(prefixFilter(FLAVOURS['active-directory'], PEOPLE_FILTER, query(i), prefixFields(query(i), true))),
      (i) => searchPeople(admin, ORG, query(i)),
      WARMUP,
    );

    // Each round resets two people, one directly and one through the portal, each once a run.
    const targets = await Promise.all(
      Array.from({ length: 2 * (ROUNDS + WARMUP) }, async (_, n) => {
        const person = await directory().getPerson(ORG, benchPerson(n).username);
        if (!person) throw new Error(`bench person ${benchPerson(n).username} is missing`);
        return person;
      }),
    );
    // A new password each run: the same people are reset by every run.
    const password = `Harbor-Quartz-Pelican-${Math.floor(Math.random() * 1e6)}`;
    const reset = await sideBySide(
      ROUNDS,
      async (i) => {
        const { searchEntries } = await direct.search(BENCH_OU, {
          scope: 'sub',
          filter: escapeFilter`(&(objectCategory=person)(objectClass=user)(sAMAccountName=${targets[2 * i + 1]!.username}))`,
          sizeLimit: 2,
          attributes: ATTRIBUTES,
          explicitBufferAttributes: ['objectGUID'],
        });
        const unicodePwd = Buffer.from(`"${password}"`, 'utf16le');
        await direct.modify(
          searchEntries[0]!.dn,
          new Change({ operation: 'replace', modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd] }) }),
        );
      },
      async (i) => {
        const person = targets[2 * i]!;
        const result = await performReset(
          admin,
          {
            organizationId: ORG,
            userId: person.id,
            binding: formBinding(ORG, person.id, 'alice'),
            password,
            confirmation: password,
            reason: 'bench',
          },
          { clientIp: '127.0.0.1', userAgent: 'bench' },
        );
        if (result.status !== 'success') throw new Error(`reset failed: ${JSON.stringify(result)}`);
      },
      WARMUP,
    );

    const p50 = (s: number[]) => percentile(s, 50);
    const p95 = (s: number[]) => percentile(s, 95);
    return [
      { benchmark: B13, metric: `people in ${BENCH_OU}`, value: people.count, unit: '', note },
      { benchmark: B13, metric: 'setup: count and add the missing people', value: people.seconds, unit: 's', note },
      { benchmark: B13, metric: 'word index build over them', value: fillMs / 1000, unit: 's' },
      { benchmark: B13, metric: 'direct subtree prefix search p50 (pooled)', value: p50(search.baseline), unit: 'ms' },
      { benchmark: B13, metric: 'direct subtree prefix search p95 (pooled)', value: p95(search.baseline), unit: 'ms' },
      { benchmark: B13, metric: 'portal admin search p50', value: p50(search.subject), unit: 'ms' },
      { benchmark: B13, metric: 'portal admin search p95', value: p95(search.subject), unit: 'ms' },
      {
        benchmark: B13,
        metric: 'ratio search p95 / direct p95',
        value: p95(search.subject) / p95(search.baseline),
        unit: 'x',
        budget: 1.5,
        note,
      },
      { benchmark: B13, metric: 'direct search, the by-shape filter the portal sends, p95', value: p95(byShape.baseline), unit: 'ms' },
      {
        benchmark: B13,
        metric: 'ratio search p95 / by-shape direct p95 (no budget)',
        value: p95(byShape.subject) / p95(byShape.baseline),
        unit: 'x',
      },
      { benchmark: B14, metric: 'two direct round trips p50 (search + unicodePwd)', value: p50(reset.baseline), unit: 'ms' },
      { benchmark: B14, metric: 'two direct round trips p95 (search + unicodePwd)', value: p95(reset.baseline), unit: 'ms' },
      { benchmark: B14, metric: 'reset action server time p50 (admin)', value: p50(reset.subject), unit: 'ms' },
      { benchmark: B14, metric: 'reset action server time p95 (admin)', value: p95(reset.subject), unit: 'ms' },
      {
        benchmark: B14,
        metric: 'action p95 − two round trips p95',
        value: p95(reset.subject) - p95(reset.baseline),
        unit: 'ms',
        budget: 30,
      },
    ];
  } finally {
    await direct.unbind().catch(() => {});
  }
}
