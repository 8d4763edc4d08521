/**
 * `tsx scripts/ensure-glewlwyd.ts`: makes sure the second test identity provider, Glewlwyd from
 * Debian, answers on 127.0.0.1:4593 with the clients, scopes, `groups` claim and users of
 * scripts/lib/glewlwyd.ts. Installs the `glewlwyd` package when missing (as root; otherwise says
 * how), runs it from its own directory with SQLite, and configures it through its admin API.
 * Every run starts it afresh (about 2 s): Glewlwyd 2.7.5 keeps open every static file it serves
 * (about 15 per login page), and at descriptor 1024, libmicrohttpd's select() limit, it stops
 * accepting connections ("not less than FD_SETSIZE" in its log): about 65 sign-ins, after which its
 * login page never leaves "Loading...". docs/identity-providers.md has the same setup as a recipe.
 */
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { GLEWLWYD_PORT, GLEWLWYD_URL, glewlwydDiscoveryUrl } from './lib/glewlwyd';
import { configureGlewlwyd } from './lib/glewlwyd-admin';

const DIR = process.env.GLEWLWYD_DIR ?? '/tmp/workmail-portal-glewlwyd';
const PID_FILE = join(DIR, 'glewlwyd.pid');
const SQL = '/usr/share/doc/glewlwyd/database/init.sqlite3.sql.gz';
const MODULES = '/usr/lib/glewlwyd';
const MIME = {
  '.html': 'text/html',
  '.css': 'text/css',
  '.js': 'application/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

async function discovery(): Promise<boolean> {
  try {
    const plugins = ['rs256', 'es256'] as const;
    const answers = await Promise.all(plugins.map((p) => fetch(glewlwydDiscoveryUrl(p), { signal: AbortSignal.timeout(2000) })));
    return answers.every((res) => res.ok);
  } catch {
    return false;
  }
}

function install(): void {
  if (existsSync('/usr/sbin/glewlwyd') || existsSync('/usr/bin/glewlwyd')) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error('Glewlwyd is not installed: sudo apt-get install glewlwyd (Debian 12), then run this again.');
  }
  console.log("No Glewlwyd found: installing Debian's glewlwyd package (apt-get).");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'glewlwyd'], { stdio: 'inherit', env });
}

/** Stops the Glewlwyd this script started before (by its recorded pid), if it still runs. */
function stopPrevious(): void {
  if (!existsSync(PID_FILE)) return;
  const pid = Number(readFileSync(PID_FILE, 'utf8'));
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('glewlwyd')) return;
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // Not running any more.
  }
  const deadline = Date.now() + 5000;
  while (existsSync(`/proc/${pid}`) && Date.now() < deadline) execFileSync('sleep', ['0.1']);
}

function configFile(): string {
  const mime = Object.entries(MIME).map(([extension, type]) => `  { extension = "${extension}" mime_type = "${type}" }`);
  // Debian's own file cannot serve here: its webapp config.json is a symlink to a directory, its
  // external_url has a trailing slash (endpoints then start with //) and its TLS lines abort
  // start-up even when TLS is off (docs/identity-providers.md).
  return `port=${GLEWLWYD_PORT}
bind_address="127.0.0.1"
external_url="${GLEWLWYD_URL}"
login_url="login.html"
static_files_path="${DIR}/webapp/"
static_files_mime_types = (
${mime.join(',\n')}
)
api_prefix="api"
allow_origin="${GLEWLWYD_URL}"
log_mode="file"
log_level="WARNING"
log_file="${DIR}/glewlwyd.log"
cookie_secure=0
session_expiration=2419200
session_key="GLEWLWYD2_SESSION_ID"
admin_scope="g_admin"
profile_scope="g_profile"
user_module_path="${MODULES}/user"
client_module_path="${MODULES}/client"
user_auth_scheme_module_path="${MODULES}/scheme"
plugin_module_path="${MODULES}/plugin"
hash_algorithm="SHA512"
database = { type = "sqlite3" path = "${DIR}/glewlwyd.db" };
`;
}

async function start(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  execFileSync('cp', ['-rL', '/usr/share/glewlwyd/webapp', join(DIR, 'webapp')]);
  rmSync(join(DIR, 'webapp', 'config.json'), { recursive: true, force: true });
  copyFileSync('/etc/glewlwyd/config-2.7.json/config.json', join(DIR, 'webapp', 'config.json'));
  const db = new Database(join(DIR, 'glewlwyd.db'));
  db.exec(gunzipSync(readFileSync(SQL)).toString('utf8'));
  db.close();
  writeFileSync(join(DIR, 'glewlwyd.conf'), configFile());
  const binary = existsSync('/usr/sbin/glewlwyd') ? '/usr/sbin/glewlwyd' : '/usr/bin/glewlwyd';
  const child = spawn(binary, [`--config-file=${join(DIR, 'glewlwyd.conf')}`], { detached: true, stdio: 'ignore', cwd: DIR });
  child.unref();
  writeFileSync(PID_FILE, String(child.pid));
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`${GLEWLWYD_URL}/api/auth/`, { signal: AbortSignal.timeout(1000) })).status < 500) return;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`Glewlwyd did not start; see ${DIR}/glewlwyd.log`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function pemPair(type: 'rsa' | 'ec') {
  const { privateKey, publicKey } =
    type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

async function main(): Promise<void> {
  install();
  stopPrevious();
  await start();
  await configureGlewlwyd({ rsa: pemPair('rsa'), ec: pemPair('ec') });
  if (!(await discovery())) throw new Error(`configured Glewlwyd but its discovery does not answer; see ${DIR}/glewlwyd.log`);
  console.log(`test Glewlwyd: started on ${GLEWLWYD_URL} (data in ${DIR})`);
}

main().catch((err: unknown) => {
  console.error(`Cannot provide Glewlwyd for the tests: ${(err as Error).message}`);
  process.exit(1);
});
