/**
 * A portal of a spec's own, with an identity provider of its own (so it can sign in through the
 * real flow: the suite's IdP knows only the suite's callback URL), on this worker's extra ports,
 * with its own SQLite audit log and the suite's WorkMail emulator. For settings the suite's
 * portal does not run with (a reset role, a step-up limit).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from '@playwright/test';
import { E2E_PORTS, E2E_SECRET, portalStarted } from './env';
import { demoEnvironment, redirectUri } from '../scripts/demo-env';

export interface OwnPortal {
  url: string;
  idpUrl: string;
  dir: string;
  auditFile: string;
  children: ChildProcess[];
}

function started(command: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = openSync(log, 'a');
  return spawn(command, args, { detached: true, stdio: ['ignore', out, out], env });
}

export async function startOwnPortal(
  ports: { app: number; oidc: number },
  env: (dir: string) => Record<string, string>,
): Promise<OwnPortal> {
  const dir = mkdtempSync(join(tmpdir(), 'own-portal-'));
  const auditFile = join(dir, 'portal.db');
  const log = join(dir, 'portal.log');
  const idp = started(
    'npx',
    ['tsx', 'emulators/oidc/main.ts', '--port', String(ports.oidc), '--redirect-uri', redirectUri(ports.app)],
    process.env,
    log,
  );
  const portal = started(
    'npx',
    ['next', 'start', '-p', String(ports.app)],
    {
      ...process.env,
      ...demoEnvironment({ ...E2E_PORTS, app: ports.app, oidc: ports.oidc }, E2E_SECRET),
      PORT: String(ports.app),
      DATABASE_URL: `file:${auditFile}`,
      RESET_LIMIT_PER_ACTOR: '1000',
      RESET_LIMIT_PER_TARGET: '1000',
      ...env(dir),
    },
    log,
  );
  const own: OwnPortal = {
    url: `http://localhost:${ports.app}`,
    idpUrl: `http://127.0.0.1:${ports.oidc}`,
    dir,
    auditFile,
    children: [idp, portal],
  };
  try {
    await expect(async () => {
      for (const child of own.children) if (child.exitCode !== null) throw new Error(`exited: ${readFileSync(log, 'utf8')}`);
      expect((await fetch(`${own.idpUrl}/.well-known/openid-configuration`)).ok).toBe(true);
      expect(await portalStarted(own.url)).toBe(true);
    }).toPass({ timeout: 90_000 });
  } catch (err) {
    await stopOwnPortal(own);
    throw err;
  }
  return own;
}

export async function stopOwnPortal(own: OwnPortal): Promise<void> {
  for (const child of own.children) if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  await Promise.all(own.children.map((c) => new Promise((done) => (c.exitCode !== null ? done(null) : c.once('exit', done)))));
}

/** The own IdP's control API. */
export async function ownIdp(own: OwnPortal, path: string, body: unknown = {}): Promise<void> {
  const res = await fetch(`${own.idpUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
}

export interface AuditRow {
  id: number;
  type: string;
  actor_email: string;
  person_email: string | null;
  outcome: string;
  error_code: string | null;
  provider_code: string | null;
  role_session: string | null;
  role_arn: string | null;
  source_identity: string | null;
}

export function ownAuditRows(own: OwnPortal): AuditRow[] {
  const db = new Database(own.auditFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select * from audit_events order by id').all() as AuditRow[];
  } finally {
    db.close();
  }
}
