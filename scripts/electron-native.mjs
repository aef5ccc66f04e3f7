// Builds better-sqlite3 for Electron's ABI into .electron-native/better_sqlite3.node, beside (never
// instead of) the Node build in node_modules that the tests, the CLI and browser mode use. main/index.ts
// passes this file to better-sqlite3 as `nativeBinding`. Nothing is rebuilt back and forth: the copy
// is made once per Electron and better-sqlite3 version. Needs internet (Electron's headers or a
// prebuilt binary), as `npm start` does anyway to fetch the Electron binary on first launch.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { lastLine, looksOffline } from './offline.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
// Overridable so that tests can try a build without touching the project's own copy.
const outDir = process.env.RECERT_ELECTRON_NATIVE_DIR ?? join(root, '.electron-native');
const target = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'stamp.json');
const headersUrl = process.env.RECERT_ELECTRON_HEADERS_URL ?? 'https://electronjs.org/headers';

const electronVersion = require('electron/package.json').version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const stamp = JSON.stringify({ electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch });

/**
 * Builds (once per version) or finds the Electron copy of better-sqlite3. Never throws: the result
 * says whether it worked and, if not, whether a download failed (the usual reason: no internet).
 */
export function buildElectronNative() {
  if (existsSync(target) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return { ok: true };

  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (once per version)…`);
  const work = join(outDir, 'work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${join(sqliteDir, 'build')}`) });

  // A project-wide nodedir (pointing at the system Node's headers) would build for the wrong ABI.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_nodedir'));
  const run = (args) => spawnSync(process.execPath, args, { cwd: work, env, encoding: 'utf8' });
  const log = [];

  let prebuild = null;
  try {
    prebuild = require.resolve('prebuild-install/bin.js', { paths: [sqliteDir, root] });
  } catch {
    // No prebuild-install: build from source below.
  }
  let built = false;
  if (prebuild) {
    const result = run([
      prebuild,
      '--runtime',
      'electron',
      '--target',
      electronVersion,
      '--arch',
      process.arch,
      '--platform',
      process.platform,
    ]);
    log.push(result.stdout, result.stderr);
    built = result.status === 0;
  }
  if (!built) {
    let nodeGyp = process.env.npm_config_node_gyp;
    try {
      nodeGyp ??= require.resolve('node-gyp/bin/node-gyp.js', { paths: [dirname(process.execPath), root] });
    } catch {
      return { ok: false, offline: false, reason: 'node-gyp is not installed (it comes with npm: run `npm start`, not node directly)' };
    }
    const result = run([nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', `--dist-url=${headersUrl}`]);
    log.push(result.stdout, result.stderr);
    if (result.status !== 0) {
      const output = log.join('\n');
      writeFileSync(join(outDir, 'build.log'), output);
      return { ok: false, offline: looksOffline(output), reason: lastLine(output) };
    }
  }
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  writeFileSync(stampFile, stamp);
  rmSync(work, { recursive: true, force: true });
  console.log(`Electron build of better-sqlite3 written to ${target}`);
  return { ok: true };
}
