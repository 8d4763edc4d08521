/**
 * Readiness against a running production server: an access policy that turns invalid after start
 * fails every page, and `/api/health/ready` says so (503, `policy: error`) while `/api/health`
 * still answers liveness. Starts its own server, as e2e/startup.spec.ts does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_PORTS, extraPort } from './env';

const PORT = extraPort(8);
const URL_BASE = `http://localhost:${PORT}`;
const DEMO_POLICY = resolve('config/access-policy.demo.json');

let dir: string;
let policyFile: string;
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'readiness-e2e-'));
  policyFile = join(dir, 'access-policy.json');
  copyFileSync(DEMO_POLICY, policyFile);
  server = spawn(process.execPath, ['.next/standalone/server.js'], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: String(PORT),
      NEXTAUTH_URL: URL_BASE,
      NEXTAUTH_SECRET: 'readiness-test-secret-0123456789abcdef0123',
      AUDIT_HMAC_KEY: 'readiness-test-audit-key-0123456789abcdef',
      HANDOVER_KEY: 'e2e-test-handover-key-0123456789abcdef',
      ACCESS_POLICY_FILE: policyFile,
      OIDC_ISSUER: `http://localhost:${E2E_PORTS.oidc}`,
      DATABASE_URL: `file:${join(dir, 'portal.db')}`,
    },
    stdio: 'ignore',
  });
  await expect(async () => expect((await fetch(`${URL_BASE}/api/health`)).ok).toBe(true)).toPass({ timeout: 60_000 });
});

test.afterAll(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

test('readiness names each check, and turns 503 on an invalid policy while liveness stays ok', async ({ request }) => {
  const ready = await request.get(`${URL_BASE}/api/health/ready`);
  expect(ready.status()).toBe(200);
  expect(ready.headers()['cache-control']).toContain('no-store');
  expect(await ready.json()).toEqual({
    status: 'ready',
    checks: { configuration: 'ok', policy: 'ok', database: 'ok', 'identity-provider': 'ok' },
  });

  writeFileSync(policyFile, '{"organizations": [{"id": "not-an-id"}]}');
  const notReady = await request.get(`${URL_BASE}/api/health/ready`);
  expect(notReady.status()).toBe(503);
  const body = await notReady.text();
  expect(JSON.parse(body)).toEqual({
    status: 'not-ready',
    checks: { configuration: 'ok', policy: 'error', database: 'ok', 'identity-provider': 'ok' },
  });
  expect(body).not.toContain(dir);

  const live = await request.get(`${URL_BASE}/api/health`);
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: 'ok' });

  copyFileSync(DEMO_POLICY, policyFile);
  expect((await request.get(`${URL_BASE}/api/health/ready`)).status()).toBe(200);
});
