/**
 * How `npm start` runs the production server (package.json's start script): the node flags (the
 * heap cap, docs/decisions/010-request-cost.md) and the server file. `npm run demo` and the load
 * benchmark start the portal with the same arguments, so what they measure is what runs.
 */
import { readFileSync } from 'node:fs';

export function startCommand(packageJson = 'package.json'): { nodeFlags: string[]; script: string[] } {
  const { scripts } = JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = scripts.start.trim().split(/\s+/);
  if (node !== 'node') throw new Error(`package.json's start script does not run node: ${scripts.start}`);
  const firstNonFlag = args.findIndex((a) => !a.startsWith('-'));
  return { nodeFlags: args.slice(0, firstNonFlag), script: args.slice(firstNonFlag) };
}
