/**
 * The WorkMail adapter pointed at a fresh emulator on loopback, for the adapter's own tests.
 * Imports the adapter only after the environment names the emulator (configuration is read once).
 */
import { startEmulator, type RunningEmulator } from '../emulators/workmail/server';
import type { WorkMailDirectory } from '../lib/providers/workmail/directory';
import { workmailEnvironment } from '../scripts/demo-env';

/** `roleOf`: each organization's reset role (lib/providers/workmail/role-sessions.ts), none by default. */
export async function directoryOnEmulator(
  roleOf: (organizationId: string) => string | undefined = () => undefined,
): Promise<{ emulator: RunningEmulator; directory: WorkMailDirectory }> {
  const emulator = await startEmulator({});
  Object.assign(process.env, workmailEnvironment(emulator.url));
  const { WorkMailDirectory } = await import('../lib/providers/workmail/directory');
  return { emulator, directory: new WorkMailDirectory(() => 'us-east-1', roleOf) };
}
