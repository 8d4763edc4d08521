import { execFileSync } from 'node:child_process';
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

  it('pins the young generation too, so the heap stays within the cap plus 48 MB on this Node', () => {
    // With the old-space cap alone, Node 24's V8 gave the young generation 64 MB semi-spaces
    // (a 352 MB heap limit): dead stream buffers then piled up between its rare scavenges and forced
    // a full collection every ~60 ms, 4× the CPU per page (docs/decisions/010-request-cost.md).
    const { nodeFlags } = startCommand();
    const out = execFileSync(process.execPath, [...nodeFlags, '-p', "require('v8').getHeapStatistics().heap_size_limit"], {
      encoding: 'utf8',
    });
    const cap = Number(nodeFlags.map((f) => /^--max-old-space-size=(\d+)$/.exec(f)?.[1]).find(Boolean));
    expect(Number(out) / 2 ** 20).toBeLessThanOrEqual(cap + 48);
  });

  it('refuses a start script that does not run node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'start-command-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { start: 'next start' } }));
    expect(() => startCommand(join(dir, 'package.json'))).toThrow(/does not run node/);
  });
});
