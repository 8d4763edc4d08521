/**
 * `npm run demo`: the whole portal on its embedded defaults, with nothing to configure. Builds the
 * app if needed, starts each service as its own process, waits until all answer, prints where to
 * go, and stops them all on Ctrl-C.
 *
 * Ports: --port (app, 3000), --workmail-port (4010), --oidc-port (4011). The mail catcher, which
 * receives the notices after each reset, listens on SMTP 4025 and answers at 4012/messages.
 *
 * `--directory samba` or `--directory openldap`: the portal against a real test directory instead
 * of the WorkMail emulator (docs/active-directory.md): starts it with its ensure script (which
 * needs root the first time, to install it), writes its access policy into data/, and uses a
 * database of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_PEOPLE, DEMO_PASSWORD } from '../emulators/oidc/people';
import { DEMO_CREDENTIALS, DEMO_PORTS, demoEnvironment, redirectUri, type DemoPorts } from './demo-env';
import { directoryEnvironment, isTestDirectory, TEST_DIRECTORIES, writeDirectoryPolicy, type TestDirectoryName } from './directory-policy';
import { SEED_PASSWORD } from './lib/directory-seed';
import { cannotRun, ensureTestDirectory } from './lib/ensure-test-directory';
import { startCommand } from './lib/start-command';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(DEMO_PORTS.app) },
    'workmail-port': { type: 'string', default: String(DEMO_PORTS.workmail) },
    'oidc-port': { type: 'string', default: String(DEMO_PORTS.oidc) },
    directory: { type: 'string' },
  },
});
if (values.directory !== undefined && !isTestDirectory(values.directory)) {
  console.error(`demo: --directory must be one of ${Object.keys(TEST_DIRECTORIES).join(', ')}`);
  process.exit(2);
}
const directory = values.directory as TestDirectoryName | undefined;
const ports: DemoPorts = { app: Number(values.port), workmail: Number(values['workmail-port']), oidc: Number(values['oidc-port']) };
const mail = DEMO_PORTS.mail!;
for (const [name, port] of Object.entries(ports)) {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`demo: the ${name} port must be a number from 1 to 65535`);
    process.exit(2);
  }
}

const children: ChildProcess[] = [];
let stopping = false;

function run(name: string, command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  // Each service in its own process group: Ctrl-C reaches only this launcher, which then stops
  // every service with all of its children (npx starts next as a grandchild).
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, detached: true });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}`)
      .join('\n');
  child.stdout!.on('data', (d: Buffer) => console.log(prefix(d)));
  child.stderr!.on('data', (d: Buffer) => console.error(prefix(d)));
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`demo: ${name} exited (${code}); stopping the rest`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, name: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not answer at ${url} within ${timeoutMs / 1000} s`);
}

async function stop(code: number): Promise<never> {
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          try {
            process.kill(-child.pid!, 'SIGTERM');
          } catch {
            resolve();
          }
        }),
    ),
  );
  process.exit(code);
}

/** The test directory's ensure script's name for it (scripts/lib/ensure-test-directory.ts). */
const SERVER_OF: Record<TestDirectoryName, 'samba' | 'slapd'> = { samba: 'samba', openldap: 'slapd' };

/** Starts (or reuses) the test directory and writes its access policy; returns the portal's extra environment. */
async function prepareDirectory(name: TestDirectoryName): Promise<Record<string, string>> {
  const server = SERVER_OF[name];
  const why = cannotRun(server);
  if (why) throw new Error(why);
  console.log(`demo: starting ${TEST_DIRECTORIES[name].name} (reused when it already runs)...`);
  await ensureTestDirectory(server);
  return {
    ...directoryEnvironment(name),
    ACCESS_POLICY_FILE: writeDirectoryPolicy(`data/access-policy.${name}.json`, name),
    DATABASE_URL: `file:${resolve(`data/portal-${name}.db`)}`,
  };
}

async function main() {
  if (!existsSync('.next/standalone/.next/static')) {
    console.log('demo: building the portal (first run only)...');
    await new Promise<void>((resolve, reject) => {
      const build = spawn('npm', ['run', 'build'], { stdio: 'inherit' });
      build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build exited with ${code}`))));
    });
  }
  const workmailUrl = `http://127.0.0.1:${ports.workmail}`;
  const oidcUrl = `http://localhost:${ports.oidc}`;
  const tsx = (file: string, ...args: string[]) => ['--import', 'tsx', file, ...args];
  const directoryEnv = directory ? await prepareDirectory(directory) : {};
  if (!directory) run('workmail', process.execPath, tsx('emulators/workmail/main.ts', '--port', String(ports.workmail)));
  run('idp', process.execPath, tsx('emulators/oidc/main.ts', '--port', String(ports.oidc), '--redirect-uri', redirectUri(ports.app)));
  run('mail', process.execPath, tsx('emulators/mail/main.ts', '--smtp-port', String(mail.smtp), '--http-port', String(mail.http)));
  await Promise.all([
    waitFor(`http://127.0.0.1:${mail.http}/messages`, 'the mail catcher'),
    directory ? Promise.resolve() : waitFor(`${workmailUrl}/__control/state`, 'the WorkMail emulator'),
    waitFor(`${oidcUrl}/.well-known/openid-configuration`, 'the identity provider'),
  ]);
  // A fresh session secret per run: demo sessions end when the demo stops.
  // The production server (the standalone build); it runs from its own folder, so paths are absolute.
  const { nodeFlags, script } = startCommand();
  run('portal', process.execPath, [...nodeFlags, ...script], {
    ...demoEnvironment({ ...ports, mail }, randomBytes(32).toString('base64url')),
    PORT: String(ports.app),
    HOSTNAME: '127.0.0.1',
    ACCESS_POLICY_FILE: resolve('config/access-policy.demo.json'),
    DATABASE_URL: `file:${resolve('data/portal.db')}`,
    ...directoryEnv,
  });
  await waitFor(`http://localhost:${ports.app}/api/health/ready`, 'the portal');
  console.log(
    [
      '',
      `  WorkMail Reset Portal:  http://localhost:${ports.app}`,
      `  Identity provider:      ${oidcUrl}`,
      `  Mail catcher:           http://127.0.0.1:${mail.http}/messages  (SMTP 127.0.0.1:${mail.smtp})`,
      directory
        ? `  Directory:              ${TEST_DIRECTORIES[directory].name} at ${TEST_DIRECTORIES[directory].at.url} (policy ${directoryEnv.ACCESS_POLICY_FILE})`
        : `  WorkMail emulator:      ${workmailUrl}  (keys ${DEMO_CREDENTIALS.accessKeyId} / ${DEMO_CREDENTIALS.secretAccessKey})`,
      '',
      `  Sign in as (password "${DEMO_PASSWORD}"):`,
      ...DEMO_PEOPLE.map((p) => `    ${p.username.padEnd(6)} ${p.description}`),
      ...(directory ? ['', `  The directory's people sign in with "${SEED_PASSWORD}" until their password is reset.`] : []),
      '',
      '  Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
main().catch((err: unknown) => {
  console.error(`demo: ${(err as Error).message}`);
  void stop(1);
});
