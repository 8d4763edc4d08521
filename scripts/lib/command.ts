/**
 * How the audit and session commands run. `command(main, failure)` is the command itself: it
 * resolves to the exit code, and anything `main` throws is reported with `failure` as its first
 * words and ends in 2 (the code every command documents for "could not"). The script runs it when
 * it is the file node was started with (`runWhenEntry`); tests import it and run it in-process
 * (test/command-in-process.ts), with one real process per command besides.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Command = (args: string[]) => Promise<number>;

export function command(main: Command, failure: string): Command {
  return (args) =>
    main(args).catch((err: unknown) => {
      console.error(`${failure}: ${(err as Error).message}`);
      return 2;
    });
}

/**
 * Runs `run` with the process's arguments and exits with its code, when `moduleUrl` is the entry
 * script. Compared as real paths: the loader resolves symlinks and argv does not, and a command
 * that silently did nothing would exit 0, which a cron job reads as "verified".
 */
export function runWhenEntry(moduleUrl: string, run: Command): void {
  if (isEntryScript(moduleUrl)) void run(process.argv.slice(2)).then((code) => process.exit(code));
}

/** Whether the module at `moduleUrl` is the script node was started with (not one a test imported). */
export const isEntryScript = (moduleUrl: string): boolean =>
  Boolean(process.argv[1]) && realpathSync(resolve(process.argv[1]!)) === realpathSync(fileURLToPath(moduleUrl));
