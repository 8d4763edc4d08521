import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addonLoads, cacheDir, nativePackages, restoreAddon, storeAddon } from './native-cache';

const BUILT = resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
// The installed add-on is built for the machine's Node; on another (the Node 24 run) it cannot load.
const builtForThisNode = addonLoads(BUILT);

describe('the native add-on cache', () => {
  it('builds every approved install script but esbuild’s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'native-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ allowScripts: { esbuild: true, 'better-sqlite3': true, other: false } }));
    expect(nativePackages(join(dir, 'package.json'))).toEqual(['better-sqlite3']);
  });

  it('keys a build by version, Node ABI, platform and architecture', () => {
    expect(cacheDir('/c', 'better-sqlite3', '12.4.1', '115')).toBe(`/c/better-sqlite3@12.4.1-abi115-${process.platform}-${process.arch}`);
    expect(cacheDir('/c', 'better-sqlite3', '12.4.1', '115')).not.toBe(cacheDir('/c', 'better-sqlite3', '12.4.1', '137'));
  });

  it.runIf(builtForThisNode)('restores a kept add-on that loads, and refuses (and removes) one that does not', () => {
    const root = mkdtempSync(join(tmpdir(), 'native-'));
    const release = join(root, 'pkg', 'build', 'Release');
    const good = join(root, 'cache', 'good');
    const bad = join(root, 'cache', 'bad');

    const addon = 'better_sqlite3.node';
    expect(restoreAddon(join(root, 'cache', 'missing'), release, addon)).toBe(false);

    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, addon), 'not an ELF file');
    expect(restoreAddon(bad, release, addon)).toBe(false);
    expect(existsSync(join(release, addon))).toBe(false);

    mkdirSync(release, { recursive: true });
    copyFileSync(BUILT, join(release, addon));
    storeAddon(release, good, addon);
    expect(readdirSync(good)).toEqual([addon]);
    expect(restoreAddon(good, join(root, 'elsewhere'), addon)).toBe(true);
    expect(addonLoads(join(root, 'elsewhere', addon))).toBe(true);
  });
});
