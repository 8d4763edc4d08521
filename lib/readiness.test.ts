import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidc, type RunningOidc } from '../emulators/oidc/provider';

// The built-in checks read the process's configuration: point it at a policy copy and a scratch database.
const dir = mkdtempSync(join(tmpdir(), 'readiness-'));
const policyFile = join(dir, 'access-policy.json');
copyFileSync(resolve('config/access-policy.demo.json'), policyFile);
process.env.ACCESS_POLICY_FILE = policyFile;
process.env.DATABASE_URL = `file:${join(dir, 'portal.db')}`;

let lib: typeof import('./readiness');
let oidc: RunningOidc;
beforeAll(async () => {
  oidc = await startOidc({ port: 0 });
  process.env.OIDC_ISSUER = oidc.issuer;
  lib = await import('./readiness');
});
afterAll(async () => {
  await oidc.close();
  await (await import('./audit/db')).database().then((d) => d.close());
  rmSync(dir, { recursive: true, force: true });
});

describe('readiness', () => {
  it('is ready when configuration, policy and database answer', async () => {
    expect(await lib.readiness()).toEqual({
      ready: true,
      checks: { configuration: 'ok', policy: 'ok', database: 'ok', 'identity-provider': 'ok' },
    });
  });

  it('is not ready once the policy file turns invalid, and says only which check failed', async () => {
    writeFileSync(policyFile, '{"organizations": [');
    try {
      const report = await lib.readiness();
      expect(report).toEqual({ ready: false, checks: { configuration: 'ok', policy: 'error', database: 'ok', 'identity-provider': 'ok' } });
      expect(JSON.stringify(report)).not.toContain(dir);
    } finally {
      copyFileSync(resolve('config/access-policy.demo.json'), policyFile);
    }
  });

  it('runs checks added with registerCheck, and counts a throw, a rejection or no answer as an error', async () => {
    const checks = new Map<string, () => unknown>([
      ['fine', () => 1],
      [
        'throws',
        () => {
          throw new Error('secret detail');
        },
      ],
      ['rejects', () => Promise.reject(new Error('secret detail'))],
      ['hangs', () => new Promise(() => {})],
    ]);
    const report = await lib.readiness(checks, 50);
    expect(report).toEqual({ ready: false, checks: { fine: 'ok', throws: 'error', rejects: 'error', hangs: 'error' } });

    lib.registerCheck('extra', () => Promise.reject(new Error('unreachable')));
    expect(await lib.readiness()).toMatchObject({ ready: false, checks: { policy: 'ok', extra: 'error' } });
  });
});
