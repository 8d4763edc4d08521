/**
 * The production server refuses to start on a bad configuration or an unreachable database,
 * saying why (and never the secret), instead of answering every request with an error.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { testPostgresUrl } from '../test/postgres-url';
import { extraPort } from './env';

function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['.next/standalone/server.js'], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: String(extraPort(9)),
      NEXTAUTH_SECRET: 'startup-test-secret-0123456789abcdef0123',
      AUDIT_HMAC_KEY: 'startup-test-audit-key-0123456789abcdef',
      HANDOVER_KEY: 'e2e-test-handover-key-0123456789abcdef',
      ACCESS_POLICY_FILE: resolve('config/access-policy.demo.json'),
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}

test.describe('starting the production server', () => {
  test('stops on a database it cannot open, naming the problem but not the password', async () => {
    const url = new URL(testPostgresUrl());
    url.password = 'wrong-password-123';
    const { code, output } = await start({ DATABASE_URL: url.toString() });
    expect(code).toBe(1);
    expect(output).toContain('workmail-reset-portal cannot start: password authentication failed');
    expect(output).not.toContain('wrong-password-123');
  });

  test('stops on a bad setting, naming it', async () => {
    const { code, output } = await start({ DATABASE_URL: 'mysql://portal@db/portal' });
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL');
  });

  test('stops on a missing access policy', async () => {
    const { code, output } = await start({
      ACCESS_POLICY_FILE: '/nonexistent/access-policy.json',
      DATABASE_URL: 'file:/tmp/startup-test.db',
    });
    expect(code).toBe(1);
    expect(output).toContain('/nonexistent/access-policy.json');
  });
});
