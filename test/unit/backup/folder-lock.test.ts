// A restore into a folder another process serves: refused while the browser-mode host (a real
// child process) has it open, so the host never goes on with data swapped under it and no write it
// answers "ok" to is lost; and a host killed with kill -9 leaves no lock behind.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostChild } from '../../helpers/browser-host-child';
import { projectRoot, tempDir } from '../../helpers/context';

let dir: string;
let backup: string;

function recert(...args: string[]) {
  return spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8' });
}

function peopleIn(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'recert.sqlite3'), { readonly: true });
  try {
    return db.prepare<[], string>('SELECT name FROM people ORDER BY name').pluck().all();
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = tempDir('recert-folder-lock-');
  // A backup holding one person, Old Backup.
  const source = join(dir, 'source');
  const host = await startHostChild(source);
  try {
    expect((await host.call('createPerson', { name: 'Old Backup', email: null, employeeId: null })).body).toMatchObject({ ok: true });
  } finally {
    await host.stop();
  }
  backup = join(dir, 'old.zip');
  const made = recert('backup', '--db', source, '--out', backup);
  expect(made.status, made.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recert restore --replace into a folder the app has open', () => {
  it('is refused while the host serves it; what the host stores afterwards is kept', async () => {
    const data = join(dir, 'served');
    mkdirSync(data);
    const host = await startHostChild(data);
    try {
      expect((await host.call('createPerson', { name: 'Before', email: null, employeeId: null })).body).toMatchObject({ ok: true });
      const refused = recert('restore', backup, '--db', data, '--replace');
      expect(refused.status, refused.stderr).toBe(2);
      expect(refused.stderr).toMatch(/Recert is open on this folder: close it, or restore from Settings\. Nothing was changed/);
      expect((await host.call('createPerson', { name: 'After', email: null, employeeId: null })).body).toMatchObject({ ok: true });
      const listed = (await host.call('listPeople', {})).body as { value: { name: string }[] };
      expect(listed.value.map((p) => p.name).sort()).toEqual(['After', 'Before']);
    } finally {
      await host.stop();
    }
    expect(peopleIn(data)).toEqual(['After', 'Before']);
  }, 60_000);

  it('a host killed with kill -9 leaves nothing stuck: the restore then goes ahead', async () => {
    const data = join(dir, 'killed');
    mkdirSync(data);
    const host = await startHostChild(data);
    expect((await host.call('createPerson', { name: 'Killed Host', email: null, employeeId: null })).body).toMatchObject({ ok: true });
    const exited = new Promise((done) => host.child.once('exit', done));
    host.child.kill('SIGKILL');
    await exited;
    const restored = recert('restore', backup, '--db', data, '--replace');
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/The data it replaced is kept in/);
    expect(peopleIn(data)).toEqual(['Old Backup']);
  }, 60_000);
});
