// Kill -9 at any moment of a backup's copy to the second place (encrypted there) and of an encrypted
// `recert backup`: no file is ever left under a backup's name that is not a whole, verifiable
// backup, in either place, and the data folder stays as it was. Real child processes (the built
// browser-mode host and the built command), killed at spread-out moments of a measured run.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostChild, type HostChild } from '../../helpers/browser-host-child';
import { projectRoot, tempDir } from '../../helpers/context';
import { trainerWithCertificates } from '../../helpers/trainer-with-certificates';

const PASSPHRASE = 'correct horse battery staple, kept';
const ROUNDS = 4;
let dir: string;
let source: string;

function recert(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, RECERT_PASSPHRASE: PASSPHRASE, ...env },
  });
}

/** Files under `folder` that carry a backup's name (temporary and hidden work files are not backups). */
function backupsIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((n) => !n.startsWith('.') && !n.endsWith('.tmp') && /\.zip(\.age)?$/.test(n))
    .map((n) => join(folder, n));
}

const checkedAlready = new Set<string>();

/** Every backup-named file is a whole backup: it restores and checks out (each file checked once). */
function expectWhole(files: string[]): void {
  for (const file of files) {
    const stat = statSync(file);
    const key = `${file} ${stat.size} ${stat.mtimeMs}`;
    if (checkedAlready.has(key)) continue;
    checkedAlready.add(key);
    const checked = recert(['check', '--backup', file]);
    expect(checked.status, `${file}: ${checked.stdout}${checked.stderr}`).toBe(0);
  }
}

beforeAll(() => {
  dir = tempDir('recert-second-place-kill-');
  const recordsFile = trainerWithCertificates(join(dir, 'records'), 8, 400_000);
  source = join(dir, 'source');
  const imported = recert(['import', recordsFile, '--db', source]);
  expect(imported.status, imported.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function hostWithSecondPlace(data: string, usb: string): Promise<HostChild> {
  const host = await startHostChild(data);
  expect((await host.call('setBackupPassphrase', { passphrase: PASSPHRASE, again: PASSPHRASE })).body).toMatchObject({ ok: true });
  expect((await host.call('setSecondPlace', { folder: usb })).body).toMatchObject({ ok: true });
  return host;
}

describe('kill -9 during a backup and its encrypted copy to the second place', () => {
  it('leaves only whole backups under backup names, in both places, and the data folder sound', async () => {
    const data = join(dir, 'app-data');
    cpSync(source, data, { recursive: true });
    const usb = join(dir, 'usb');
    mkdirSync(usb);

    // A measured run: how long a backup and its copy take here, to spread the kills over it.
    const first = await hostWithSecondPlace(data, usb);
    const started = Date.now();
    expect((await first.call('backUpNow', {})).body).toMatchObject({ ok: true });
    const took = Date.now() - started;
    await first.stop();
    expect(backupsIn(usb).some((f) => f.endsWith('.zip.age'))).toBe(true);

    for (let round = 0; round < ROUNDS; round++) {
      const host = await hostWithSecondPlace(data, usb);
      const exited = new Promise((done) => host.child.once('exit', done));
      // The request is left running; the process dies part-way through it.
      void host.call('backUpNow', {}).catch(() => undefined);
      await new Promise((wait) => setTimeout(wait, Math.round((took * (round + 0.5)) / ROUNDS)));
      host.child.kill('SIGKILL');
      await exited;
      expectWhole(backupsIn(usb));
      expectWhole(backupsIn(join(data, 'backups')));
      const checked = recert(['check', '--db', data]);
      expect(checked.status, checked.stdout).toBe(0);
    }
  }, 240_000);
});

describe('kill -9 during recert backup --encrypt', () => {
  it('leaves no file under the backup name, or a whole one', async () => {
    const made = join(dir, 'timed.zip.age');
    const started = Date.now();
    expect(recert(['backup', '--db', source, '--out', made, '--encrypt']).status).toBe(0);
    const took = Date.now() - started;
    for (let round = 0; round < ROUNDS; round++) {
      const out = join(dir, `killed-${round}.zip.age`);
      const child = spawn(process.execPath, [join(projectRoot, 'bin/recert.js'), 'backup', '--db', source, '--out', out, '--encrypt'], {
        env: { ...process.env, RECERT_PASSPHRASE: PASSPHRASE },
        stdio: 'ignore',
      });
      const exited = new Promise((done) => child.once('exit', done));
      await new Promise((wait) => setTimeout(wait, Math.round((took * (round + 0.5)) / ROUNDS)));
      child.kill('SIGKILL');
      await exited;
      if (existsSync(out)) expectWhole([out]);
    }
    const checked = recert(['check', '--db', source]);
    expect(checked.status, checked.stdout).toBe(0);
  }, 120_000);
});
