/**
 * `tsx scripts/ensure-postgres.ts`: makes sure a PostgreSQL server for the tests answers at
 * TEST_POSTGRES_URL (default below). When that variable is set, only checks it. Otherwise runs a
 * private cluster from Debian's packages on loopback (installing `postgresql` with apt-get when
 * root and missing): its own data directory and port, so it never touches a system cluster.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_TEST_POSTGRES_URL } from '../test/postgres-url';

const DATA_DIR = process.env.TEST_POSTGRES_DIR ?? '/tmp/workmail-portal-pg';
const isRoot = process.getuid?.() === 0;

async function answers(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The newest installed server's bin directory, e.g. /usr/lib/postgresql/15/bin. */
function serverBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest && join(root, newest, 'bin');
}

function install(): string {
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new Error('PostgreSQL is not installed: sudo apt-get install postgresql (or set TEST_POSTGRES_URL to a server).');
  }
  console.log("No PostgreSQL server found: installing Debian's postgresql package (apt-get).");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env });
  const bin = serverBin();
  if (!bin) throw new Error('apt-get installed postgresql but no server binary was found under /usr/lib/postgresql');
  return bin;
}

/** PostgreSQL refuses to run as root: as root, run its programs as the `postgres` user. */
function run(bin: string, program: string, args: string[]): void {
  const command = join(bin, program);
  if (isRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'inherit' });
  else execFileSync(command, args, { stdio: 'inherit' });
}

/** `pg_ctl status` exits 0 when the cluster's server runs (it may run yet lack our database). */
function running(bin: string): boolean {
  try {
    run(bin, 'pg_ctl', ['-D', DATA_DIR, 'status']);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const explicit = process.env.TEST_POSTGRES_URL;
  const url = explicit ?? DEFAULT_TEST_POSTGRES_URL;
  if ((await answers(url)) === null) {
    console.log(`test PostgreSQL: ${new URL(url).host}`);
    return;
  }
  if (explicit) throw new Error(`TEST_POSTGRES_URL does not answer: ${await answers(url)}`);

  const { username, password, port, pathname } = new URL(url);
  const bin = serverBin() ?? install();
  if (!existsSync(join(DATA_DIR, 'PG_VERSION'))) {
    mkdirSync(DATA_DIR, { recursive: true });
    const pwfile = join(DATA_DIR, '..', `workmail-portal-pg.pw`);
    writeFileSync(pwfile, `${decodeURIComponent(password)}\n`, { mode: 0o644 });
    if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', DATA_DIR]);
    run(bin, 'initdb', [
      '-D',
      DATA_DIR,
      '-U',
      decodeURIComponent(username),
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
  }
  // fsync off: a throwaway test cluster; loopback only; the socket lives in the data directory.
  const options = `-p ${port} -k ${DATA_DIR} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  if (!running(bin)) run(bin, 'pg_ctl', ['-D', DATA_DIR, '-o', options, '-l', join(DATA_DIR, 'server.log'), '-w', 'start']);

  const admin = new pg.Client({ connectionString: url.replace(pathname, '/postgres') });
  await admin.connect();
  const database = pathname.slice(1);
  const found = await admin.query('select 1 from pg_database where datname = $1', [database]);
  if (found.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, '')}"`);
  await admin.end();
  const problem = await answers(url);
  if (problem) throw new Error(`started PostgreSQL but it does not answer: ${problem}`);
  console.log(`test PostgreSQL: started on ${new URL(url).host} (data in ${DATA_DIR})`);
}

main().catch((err: unknown) => {
  console.error(`Cannot provide PostgreSQL for the tests: ${(err as Error).message}`);
  process.exit(1);
});
