/**
 * The machine's cache of native add-on builds (scripts/native-modules.ts): one directory per
 * package version, Node module ABI, platform and architecture, holding the package's Node add-on
 * from its `build/Release`. A cached add-on is only used when it loads.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const DEFAULT_CACHE = join(homedir(), '.cache', 'workmail-reset-portal', 'native');

/** The packages to build: every install script package.json approves, except esbuild's (run at once by .ci/run). */
export function nativePackages(packageJson = 'package.json'): string[] {
  const { allowScripts = {} } = JSON.parse(readFileSync(packageJson, 'utf8')) as { allowScripts?: Record<string, boolean> };
  return Object.entries(allowScripts)
    .filter(([name, allowed]) => allowed && name !== 'esbuild')
    .map(([name]) => name);
}

/**
 * Each cacheable package's Node add-on in its build/Release (better-sqlite3 builds a SQLite test
 * extension there too, which is no Node add-on). A package not listed here is rebuilt every time.
 */
export const ADDONS: Record<string, string> = { 'better-sqlite3': 'better_sqlite3.node' };

/** The cache directory of one build of `name` at `version` for this Node, platform and architecture. */
export function cacheDir(cache: string, name: string, version: string, abi = process.versions.modules): string {
  return join(cache, `${name.replace('/', '+')}@${version}-abi${abi}-${process.platform}-${process.arch}`);
}

/** Whether the add-on `file` loads in a fresh process of this Node. */
export function addonLoads(file: string): boolean {
  if (!existsSync(file)) return false;
  return spawnSync(process.execPath, ['-e', `require(${JSON.stringify(file)})`], { stdio: 'ignore' }).status === 0;
}

/** Copies the cached `addon` into `release` (a package's build/Release); true when it is there and loads. */
export function restoreAddon(cached: string, release: string, addon: string): boolean {
  if (!existsSync(join(cached, addon))) return false;
  mkdirSync(release, { recursive: true });
  copyFileSync(join(cached, addon), join(release, addon));
  if (addonLoads(join(release, addon))) return true;
  rmSync(join(release, addon), { force: true });
  return false;
}

/** Keeps `release`'s `addon` under `cached`, whole or not at all (a rename, so a reader never sees half). */
export function storeAddon(release: string, cached: string, addon: string) {
  const partial = `${cached}.partial-${process.pid}`;
  mkdirSync(partial, { recursive: true });
  copyFileSync(join(release, addon), join(partial, addon));
  mkdirSync(dirname(cached), { recursive: true });
  try {
    renameSync(partial, cached);
  } catch {
    // Another run stored the same build first.
    rmSync(partial, { recursive: true, force: true });
  }
}
