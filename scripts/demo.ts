/**
 * `npm run demo`: the whole portal on its embedded defaults, with nothing to configure. Builds the
 * app if needed, starts each service as its own process, waits until all answer, prints where to
 * go, and stops them all on Ctrl-C.
 *
 * Ports: --port (app, 3000), --workmail-port (4010).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    'workmail-port': { type: 'string', default: '4010' },
  },
});
const ports = { app: Number(values.port), workmail: Number(values['workmail-port']) };
for (const [name, port] of Object.entries(ports)) {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`demo: the ${name} port must be a number from 1 to 65535`);
    process.exit(2);
  }
}

const children: ChildProcess[] = [];
let stopping = false;

function run(name: string, command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
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
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}

async function main() {
  if (!existsSync('.next/BUILD_ID')) {
    console.log('demo: building the portal (first run only)...');
    await new Promise<void>((resolve, reject) => {
      const build = spawn('npx', ['next', 'build'], { stdio: 'inherit' });
      build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
    });
  }
  const workmailUrl = `http://127.0.0.1:${ports.workmail}`;
  run('workmail', process.execPath, ['--import', 'tsx', 'emulators/workmail/main.ts', '--port', String(ports.workmail)]);
  run('portal', 'npx', ['next', 'start', '-p', String(ports.app)], {
    WORKMAIL_ENDPOINT: workmailUrl,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAEMULATORDEMO0001',
    AWS_SECRET_ACCESS_KEY: 'emulator-demo-secret-key-0001',
  });
  await Promise.all([
    waitFor(`${workmailUrl}/__control/state`, 'the WorkMail emulator'),
    waitFor(`http://localhost:${ports.app}/api/health`, 'the portal'),
  ]);
  console.log(
    [
      '',
      `  WorkMail Reset Portal:  http://localhost:${ports.app}`,
      `  WorkMail emulator:      ${workmailUrl}  (keys AKIAEMULATORDEMO0001 / emulator-demo-secret-key-0001)`,
      '',
      '  Sign-in arrives with the identity provider (issue 3); until then the portal shows its home page.',
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
