/**
 * Runs once when the server starts: reading the configuration and the access policy here makes a
 * bad value stop the start with its message, instead of failing the first operator. Opening the
 * database runs its migrations now, once per instance, rather than inside someone's first reset.
 */
export async function register() {
  // NEXT_RUNTIME is Next's build-time switch (its documented pattern), not configuration: the
  // checks use node:fs and native modules, which only the Node.js runtime has.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startup } = await import('./lib/startup');
  await startup();
}
