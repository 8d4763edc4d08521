/**
 * The emulators' modules import each other without cycles: a cycle makes load order matter and
 * hides which file owns what (control.ts and server.ts once imported each other).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = 'emulators';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );

/** Relative imports of a file, type-only ones included, resolved to files. */
function importsOf(file: string): string[] {
  const specs = [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specs.flatMap((spec) => {
    const base = resolve(dirname(file), spec);
    const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile());
    return found ? [relative(process.cwd(), found)] : [];
  });
}

function cycles(files: string[]): string[] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const done = new Set<string>();
  const stack: string[] = [];
  const found: string[] = [];
  const visit = (file: string) => {
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const at = stack.indexOf(next);
      if (at >= 0) found.push([...stack.slice(at), next].join(' -> '));
      else if (!done.has(next)) visit(next);
    }
    stack.pop();
    done.add(file);
  };
  for (const file of files) if (!done.has(file)) visit(file);
  return found;
}

describe('imports between emulator modules', () => {
  it('form no cycle', () => {
    expect(cycles(sources(ROOT))).toEqual([]);
  });

  it('resolve, so the check above is not vacuous', () => {
    expect(importsOf(join(ROOT, 'workmail', 'server.ts'))).toEqual(
      expect.arrayContaining([join(ROOT, 'workmail', 'control.ts'), join(ROOT, 'workmail', 'operations', 'index.ts')]),
    );
  });
});
