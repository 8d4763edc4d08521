/**
 * Runs an audit or session command (scripts/lib/command.ts) inside the test's process, as the
 * script would in its own: the given environment over the test's, fresh copies of the portal's
 * modules (so its configuration and database are read anew, as a new process reads them), and
 * what it prints collected. A real process costs 1.5–2 s here; the test files keep one real run of
 * each command (auditCommand in test/databases.ts) and run the other cases this way.
 */
import { vi } from 'vitest';

const SCRIPTS = {
  'audit-verify': async () => (await import('../scripts/audit-verify')).auditVerify,
  'audit-purge': async () => (await import('../scripts/audit-purge')).auditPurge,
  'sessions-revoke': async () => (await import('../scripts/sessions-revoke')).sessionsRevoke,
};

export async function commandInProcess(
  script: keyof typeof SCRIPTS,
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number; out: string }> {
  const saved = { ...process.env };
  const lines: string[] = [];
  const collect = (...parts: unknown[]) => void lines.push(parts.map(String).join(' '));
  const log = vi.spyOn(console, 'log').mockImplementation(collect);
  const error = vi.spyOn(console, 'error').mockImplementation(collect);
  Object.assign(process.env, env);
  vi.resetModules();
  try {
    const code = await (await SCRIPTS[script]())(args);
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
