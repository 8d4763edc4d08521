/**
 * How the audit commands end: `main` resolves to the exit code; anything it throws is reported
 * with `failure` as its first words and exits 2 (the code both commands document for "could not").
 */
export function runCommand(main: () => Promise<number>, failure: string): void {
  main()
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      console.error(`${failure}: ${(err as Error).message}`);
      process.exit(2);
    });
}
