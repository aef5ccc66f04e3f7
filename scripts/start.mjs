// `npm start` after the build: make sure the Electron runtime and an Electron build of the SQLite
// driver are there (each is fetched once, on first start), then open the window. When a download
// cannot be made, say so in two lines and point to browser mode, instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildElectronNative } from './electron-native.mjs';
import { lastLine, looksOffline, offlineMessage } from './offline.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const electronDir = dirname(require.resolve('electron/package.json'));

function fail(message) {
  console.error(message);
  process.exit(1);
}

/** Electron ≥ 42 downloads its binary on first launch: do it here, where its failure can be explained. */
function ensureElectronRuntime() {
  const pathFile = join(electronDir, 'path.txt');
  const present = existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));
  if (present) return;
  console.log('Downloading the Electron runtime (once)…');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8' });
  if (result.status === 0) return;
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
  if (looksOffline(output)) fail(offlineMessage('the Electron runtime'));
  fail(`The Electron runtime could not be installed: ${lastLine(output)}\nBrowser mode works without it: npm run browser`);
}

ensureElectronRuntime();
const native = buildElectronNative();
if (!native.ok) {
  if (native.offline) fail(offlineMessage("Electron's headers (to build its SQLite driver)"));
  fail(`The SQLite driver could not be built for Electron: ${native.reason}\nBrowser mode works without it: npm run browser`);
}
const child = spawn(process.execPath, [join(electronDir, 'cli.js'), root], { stdio: 'inherit' });
child.on('close', (code) => process.exit(code ?? 1));
