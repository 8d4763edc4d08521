/** `npm run emulator:workmail`: a real process that prints its address and keys and stops on a signal. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

function start(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulators/workmail/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m && output.includes('Control API')) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  return { child, ready, output: () => output };
}

describe('the emulator command', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints its address and the demo keys, serves, and stops cleanly on %s', async (signal) => {
    const { child, ready, output } = start(['--port', '0']);
    const url = await ready;
    expect(output()).toContain('AKIAEMULATORDEMO0001 / emulator-demo-secret-key-0001');
    expect(output()).toContain('AKIAEMULATORREAD0001');
    const res = await fetch(`${url}/__control/state`);
    expect(res.status).toBe(200);
    child.kill(signal);
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses a bad flag value with a message', async () => {
    const { child, ready, output } = start(['--port', 'ninety']);
    await expect(ready).rejects.toThrow();
    expect(child.exitCode).toBe(2);
    expect(output()).toContain('--port must be a whole number');
  });
});
