// Builds better-sqlite3 for Electron's ABI into .electron-native/better_sqlite3.node, beside (never
// instead of) the Node build in node_modules that the tests, the CLI and browser mode use. main/index.ts
// passes this file to better-sqlite3 as `nativeBinding`. Nothing is rebuilt back and forth: the copy
// is made once per Electron and better-sqlite3 version. Needs internet (Electron's headers or a
// prebuilt binary), as `npm start` does anyway to fetch the Electron binary on first launch.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const outDir = join(root, '.electron-native');
const target = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'stamp.json');

const electronVersion = require('electron/package.json').version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const stamp = JSON.stringify({ electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch });

if (existsSync(target) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) process.exit(0);

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (once per version)…`);
const work = join(outDir, 'work');
rmSync(work, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${join(sqliteDir, 'build')}`) });

// A project-wide nodedir (pointing at the system Node's headers) would build for the wrong ABI.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_nodedir'));
const common = { cwd: work, env, stdio: 'inherit' };

function tryPrebuilt() {
  try {
    const prebuild = require.resolve('prebuild-install/bin.js', { paths: [sqliteDir, root] });
    execFileSync(
      process.execPath,
      [prebuild, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform],
      common,
    );
    return true;
  } catch {
    return false;
  }
}

function buildFromSource() {
  const nodeGyp =
    process.env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js', { paths: [dirname(process.execPath), root] });
  execFileSync(
    process.execPath,
    [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    common,
  );
}

if (!tryPrebuilt()) buildFromSource();
copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
writeFileSync(stampFile, stamp);
rmSync(work, { recursive: true, force: true });
console.log(`Electron build of better-sqlite3 written to ${target}`);
