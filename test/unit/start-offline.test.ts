// `npm start` on a machine that cannot download: two plain lines pointing to browser mode, exit 1,
// never a node-gyp stack trace. Downloads are pointed at a closed local port so the test is the same
// with or without internet.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, tempDir } from '../helpers/context';

const dir = tempDir('recert-start-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nodeGyp = [
  '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
  '/usr/local/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
].find(existsSync);
const unreachable = 'http://127.0.0.1:9';
const env = {
  ...process.env,
  ELECTRON_MIRROR: `${unreachable}/`,
  electron_config_cache: join(dir, 'cache'),
  RECERT_ELECTRON_NATIVE_DIR: join(dir, 'native'),
  RECERT_ELECTRON_HEADERS_URL: `${unreachable}/headers`,
  npm_config_better_sqlite3_binary_host: unreachable,
  ...(nodeGyp ? { npm_config_node_gyp: nodeGyp } : {}),
};

function expectTwoPlainLines(stderr: string, what: RegExp) {
  const lines = stderr.split('\n').filter((line) => line.trim());
  expect(lines, stderr).toHaveLength(2);
  expect(lines[0]).toMatch(what);
  expect(lines[1]).toMatch(/npm run browser/);
  expect(stderr).not.toMatch(/^\s+at |gyp ERR|Error:/m);
}

describe('npm start without internet', () => {
  it('says in two lines that the Electron runtime cannot be fetched, and points to browser mode', () => {
    const electronPresent = existsSync(join(projectRoot, 'node_modules/electron/path.txt'));
    const result = spawnSync(process.execPath, [join(projectRoot, 'scripts/start.mjs')], { env, encoding: 'utf8', timeout: 120_000 });
    expect(result.status).toBe(1);
    // Where the runtime was fetched before (a developer's machine), the headers are what is missing.
    expectTwoPlainLines(result.stderr, electronPresent ? /Electron's headers/ : /the Electron runtime/);
  });

  it("says the same when Electron's headers for the SQLite driver cannot be fetched", () => {
    const script = `import('${join(projectRoot, 'scripts/electron-native.mjs')}').then(({ buildElectronNative }) => {
      const result = buildElectronNative();
      process.stdout.write(JSON.stringify(result));
    });`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 300_000 });
    const outcome = JSON.parse(result.stdout.split('\n').pop() ?? '{}') as { ok: boolean; offline: boolean };
    expect(outcome).toMatchObject({ ok: false, offline: true });
  }, 300_000);
});
