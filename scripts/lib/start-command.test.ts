import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCommand } from './start-command';

describe('how npm start runs the server', () => {
  it("caps V8's old space (docs/decisions/010-request-cost.md), and the demo and the bench read the same flags", () => {
    const { nodeFlags, script } = startCommand();
    expect(script).toEqual(['.next/standalone/server.js']);
    const cap = nodeFlags.map((f) => /^--max-old-space-size=(\d+)$/.exec(f)?.[1]).find(Boolean);
    expect(Number(cap)).toBeGreaterThan(0);
    expect(Number(cap)).toBeLessThanOrEqual(200);
  });

  it('refuses a start script that does not run node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'start-command-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { start: 'next start' } }));
    expect(() => startCommand(join(dir, 'package.json'))).toThrow(/does not run node/);
  });
});
