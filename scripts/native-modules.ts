/**
 * `tsx scripts/native-modules.ts`: builds the native add-ons of the packages whose install scripts
 * package.json approves, for the Node that runs it. CI installs with `npm ci --ignore-scripts` and
 * runs this in the background (.ci/run).
 *
 * better-sqlite3 has no reachable prebuilt binary here, so its install script compiles SQLite from
 * source: 60–80 s of one core on every clean clone. A build is kept in the machine's cache
 * (`NATIVE_CACHE_DIR`, default `~/.cache/workmail-reset-portal/native`; scripts/lib/native-cache.ts)
 * and the next clean clone on the same machine copies it in, as a CI cache would. A cached add-on
 * is used only when it loads; otherwise, and on a machine without the cache, it is built.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ADDONS, addonLoads, cacheDir, DEFAULT_CACHE, nativePackages, restoreAddon, storeAddon } from './lib/native-cache';

const cache = process.env.NATIVE_CACHE_DIR ?? DEFAULT_CACHE;
for (const name of nativePackages()) {
  const dir = resolve('node_modules', name);
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const release = join(dir, 'build', 'Release');
  const cached = cacheDir(cache, name, version);
  const addon = ADDONS[name];
  if (addon && restoreAddon(cached, release, addon)) {
    console.log(`${name}@${version}: the build kept in ${cached}`);
    continue;
  }
  const started = performance.now();
  execFileSync('npm', ['rebuild', name], { stdio: 'inherit', env: { ...process.env, JOBS: 'max' } });
  console.log(`${name}@${version}: built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (addon && addonLoads(join(release, addon))) storeAddon(release, cached, addon);
}
