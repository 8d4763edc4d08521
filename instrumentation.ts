/**
 * Runs once when the server starts: reading the configuration and the access policy here makes a
 * bad value stop the start with its message, instead of failing the first operator.
 */
export async function register() {
  // NEXT_RUNTIME is Next's build-time switch (its documented pattern), not configuration: the
  // checks below use node:fs, which only the Node.js runtime has.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { config } = await import('./lib/config');
  const { loadPolicy } = await import('./lib/access/policy');
  loadPolicy(config().accessPolicyFile);
}
