/**
 * `tsx scripts/ensure-samba.ts [--fresh | --stop]`: makes sure a test Samba Active Directory domain
 * controller answers on ldaps://127.0.0.1:636 (realm EXAMPLE.TEST) with the demo people and groups
 * of scripts/lib/directory-seed.ts, a password policy, and the portal's service account, which may
 * only reset passwords (and set pwdLastSet) of user objects under OU=People. Installs Debian's Samba
 * packages when missing (as root), provisions into its own directory with an empty smb.conf (so the
 * host's /etc/samba settings never leak in), runs only the LDAP service, and sets
 * `old password allowed period = 0` so an old password stops working at once after a reset
 * (Samba's default keeps it valid for 60 minutes). A healthy server of the same seed version is
 * reused; `--fresh` provisions anew (about 12 s); `--stop` stops it and removes its directory;
 * `--halt` stops it and keeps its directory, and the next plain run starts it again without
 * provisioning (a few seconds): the e2e suite's "directory went away" case.
 * Samba's LDAP ports are fixed: 389, 636, 3268, 3269.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { ensurePackages } from './lib/apt';
import { portTaken, recordedPid, spawnRecorded, stopRecorded, timed, waitFor } from './lib/server-process';
import { seedSamba } from './lib/samba-seed';
import { makeTestCertificates } from './lib/test-ca';
import { SAMBA } from './lib/test-directories';

const PID_FILE = join(SAMBA.dir, 'samba.pid');
const VERSION_FILE = join(SAMBA.dir, 'seed-version');
const CONF = join(SAMBA.dir, 'etc', 'smb.conf');

function install(): void {
  // samba-vfs-modules: provisioning loads acl_xattr; samba-ad-dc and winbind are not needed with
  // `server services = ldap`.
  ensurePackages('Samba', ['samba', 'samba-dsdb-modules', 'samba-vfs-modules', 'samba-ad-provision', 'ldap-utils']);
}

async function healthy(): Promise<boolean> {
  if (recordedPid(PID_FILE, 'samba') === undefined) return false;
  if (!existsSync(VERSION_FILE) || readFileSync(VERSION_FILE, 'utf8') !== SAMBA.seedVersion) return false;
  const client = new Client({ url: SAMBA.url, connectTimeout: 2000, timeout: 3000, tlsOptions: { ca: readFileSync(SAMBA.caFile) } });
  try {
    await client.bind(SAMBA.service.bindDN, SAMBA.service.password);
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => {});
  }
}

function provision(): void {
  const d = SAMBA.dir;
  const tls = makeTestCertificates(join(d, 'tls'), 'dc1.example.test');
  mkdirSync(join(d, 'etc'), { recursive: true });
  mkdirSync(join(d, 'log'), { recursive: true });
  writeFileSync(CONF, '');
  const options = {
    interfaces: 'lo',
    'bind interfaces only': 'yes',
    'server services': 'ldap',
    'log file': `${d}/log/log.%m`,
    'pid directory': `${d}/run`,
    'ncalrpc dir': `${d}/run/ncalrpc`,
    'winbindd socket directory': `${d}/run/winbindd`,
    'ntp signd socket directory': `${d}/run/ntp_signd`,
    'tls certfile': tls.cert,
    'tls keyfile': tls.key,
    'tls cafile': tls.ca,
  };
  execFileSync(
    'samba-tool',
    [
      'domain',
      'provision',
      '-s',
      CONF,
      `--targetdir=${d}`,
      '--host-name=DC1',
      `--realm=${SAMBA.realm}`,
      `--domain=${SAMBA.domain}`,
      '--server-role=dc',
      '--dns-backend=NONE',
      '--use-rfc2307',
      `--adminpass=${SAMBA.admin.password}`,
      ...Object.entries(options).map(([k, v]) => `--option=${k}=${v}`),
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  // Provisioning drops this option from the smb.conf it writes (Samba 4.17), so it goes in here.
  const conf = readFileSync(CONF, 'utf8');
  if (!/old password allowed period/.test(conf))
    writeFileSync(CONF, conf.replace('[global]\n', '[global]\n\told password allowed period = 0\n'));
}

async function start(): Promise<void> {
  const child = spawnRecorded(
    '/usr/sbin/samba',
    ['-s', CONF, '-i', '-M', 'single', '--debuglevel=1'],
    PID_FILE,
    join(SAMBA.dir, 'log', 'samba.out'),
  );
  const ca = readFileSync(SAMBA.caFile);
  const answers = async () => {
    const client = new Client({ url: SAMBA.url, connectTimeout: 1000, timeout: 2000, tlsOptions: { ca } });
    try {
      await client.bind(SAMBA.admin.bindDN, SAMBA.admin.password);
      return true;
    } catch {
      return false;
    } finally {
      await client.unbind().catch(() => {});
    }
  };
  await waitFor(answers, 60_000, () => child.exitCode !== null, `samba (see ${SAMBA.dir}/log/samba.out)`);
}

/** Stopped by `--halt`: no server, but a provisioned, seeded directory of this seed version. */
function halted(): boolean {
  return (
    recordedPid(PID_FILE, 'samba') === undefined && existsSync(VERSION_FILE) && readFileSync(VERSION_FILE, 'utf8') === SAMBA.seedVersion
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  if (process.argv.includes('--stop')) {
    await stopRecorded(PID_FILE, 'samba');
    rmSync(SAMBA.dir, { recursive: true, force: true });
    console.log(`test Samba AD: stopped, ${SAMBA.dir} removed`);
    return;
  }
  if (process.argv.includes('--halt')) {
    await stopRecorded(PID_FILE, 'samba');
    console.log(`test Samba AD: stopped (data kept in ${SAMBA.dir})`);
    return;
  }
  await timed('install check', install);
  const fresh = process.argv.includes('--fresh');
  if (!fresh && (await healthy())) {
    console.log(`test Samba AD: already running on ${SAMBA.url} (data in ${SAMBA.dir})`);
    return;
  }
  if (!fresh && halted()) {
    await timed('samba restart', start);
    if (await healthy()) {
      console.log(`test Samba AD: started again on ${SAMBA.url} (data in ${SAMBA.dir})`);
      return;
    }
  }
  await stopRecorded(PID_FILE, 'samba');
  for (const port of SAMBA.ports)
    if (await portTaken(port)) throw new Error(`127.0.0.1:${port} is taken by another program; stop it first`);
  rmSync(SAMBA.dir, { recursive: true, force: true });
  await timed('samba provision', provision);
  await timed('samba start', start);
  await timed('samba seed', () => seedSamba(CONF));
  writeFileSync(VERSION_FILE, SAMBA.seedVersion);
  console.log(
    `test Samba AD: started on ${SAMBA.url} in ${((performance.now() - started) / 1000).toFixed(1)} s (CA ${SAMBA.caFile}, data in ${SAMBA.dir})`,
  );
}

main().catch((err: unknown) => {
  const e = err as Error & { stderr?: Buffer };
  console.error(`Cannot provide Samba AD for the tests: ${e.message}${e.stderr ? `\n${e.stderr.toString().slice(-2000)}` : ''}`);
  process.exit(1);
});
