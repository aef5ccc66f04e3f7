// A full disk during import, update-import, backup, packet and restore: the built command says
// "The disk is full: free space on <the folder> and try again", exits 2 with no stack trace, and
// leaves nothing of the failed write behind. The disk fills up in a real child process, through
// test/helpers/disk-full.cjs (writes under a folder fail with ENOSPC past a number of bytes), and,
// where this machine lets the tests mount one (Linux, as root), on a real 1 MB tmpfs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostChild } from '../helpers/browser-host-child';
import { projectRoot, tempDir } from '../helpers/context';
import { trainerWithCertificates } from '../helpers/trainer-with-certificates';

const bin = join(projectRoot, 'bin/recert.js');
const injector = join(projectRoot, 'test/helpers/disk-full.cjs');
let dir: string;
let recordsFile: string;
let source: string;
let backup: string;

function recert(args: string[], full?: { under: string; after: number }) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (full) {
    env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${injector}`.trim();
    env.RECERT_TEST_DISK_FULL_UNDER = full.under;
    env.RECERT_TEST_DISK_FULL_AFTER = String(full.after);
  }
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under the folder, as relative paths. */
/** Files left in `folder`, but for the folder's lock (kept: deleting a lock another process may hold would undo it). */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !(entry.name === 'recert.lock' && entry.parentPath === folder))
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

function people(dataDir: string): number {
  const db = new Database(join(dataDir, 'recert.sqlite3'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function expectDiskFull(result: ReturnType<typeof recert>, folder: string) {
  expect(result.code, result.stderr).toBe(2);
  // A packet prints its progress first: the message is the last line, and there is no stack.
  expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
    `recert: The disk is full: free space on ${folder} and try again. Nothing was changed.`,
  );
  expect(result.stderr).not.toMatch(/\n\s+at |unexpected failure|ENOSPC/);
}

beforeAll(() => {
  dir = tempDir('recert-disk-full-');
  recordsFile = trainerWithCertificates(join(dir, 'records'), 10, 100_000);
  source = join(dir, 'source');
  expect(recert(['import', recordsFile, '--db', source]).code).toBe(0);
  backup = join(dir, 'backup.zip');
  expect(recert(['backup', '--db', source, '--out', backup]).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a full disk (ENOSPC injected into the command)', () => {
  it('import: says so, and leaves no certificate file of the failed import', () => {
    const data = join(dir, 'import-data');
    mkdirSync(data);
    // The third certificate does not fit.
    const result = recert(['import', recordsFile, '--db', data], { under: join(data, 'attachments'), after: 500_000 });
    expectDiskFull(result, data);
    expect(filesUnder(join(data, 'attachments'))).toEqual([]);
    expect(people(data)).toBe(0);
  });

  it('update-import: says so, and leaves no certificate file of the failed import', () => {
    const data = join(dir, 'update-data');
    mkdirSync(data);
    const result = recert(['import', recordsFile, '--db', data, '--update'], { under: join(data, 'attachments'), after: 500_000 });
    expectDiskFull(result, data);
    expect(filesUnder(join(data, 'attachments'))).toEqual([]);
    expect(people(data)).toBe(0);
  });

  it('backup: says so, and leaves nothing in the folder it was writing to', () => {
    const out = join(dir, 'backup-out');
    mkdirSync(out);
    const result = recert(['backup', '--db', source, '--out', join(out, 'b.zip')], { under: out, after: 300_000 });
    expectDiskFull(result, out);
    expect(readdirSync(out)).toEqual([]);
  });

  it('packet: says so, and leaves nothing in the folder it was writing to', () => {
    const out = join(dir, 'packet-out');
    mkdirSync(out);
    const result = recert(['packet', '--db', source, '--person', 'p1', '--credential', 'c1', '--out', join(out, 'p.pdf')], {
      under: out,
      after: 2_000,
    });
    expectDiskFull(result, out);
    expect(readdirSync(out)).toEqual([]);
  });

  it('restore: says so, and leaves no database and no partly restored files', () => {
    const data = join(dir, 'restore-data');
    mkdirSync(data);
    const result = recert(['restore', backup, '--db', data], { under: data, after: 500_000 });
    expectDiskFull(result, data);
    expect(filesUnder(data)).toEqual([]);
  });
});

describe('a full disk in the app (a real browser-mode host, ENOSPC injected)', () => {
  it('a records bundle applied: the answer says so, the host keeps running, no certificate file is left', async () => {
    const bundle = join(dir, 'dana.recert');
    expect(recert(['export', '--db', source, '--out', bundle]).code).toBe(0);
    const data = join(dir, 'host-data');
    const host = await startHostChild(data, {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${injector}`.trim(),
      RECERT_TEST_DISK_FULL_UNDER: join(data, 'attachments'),
      RECERT_TEST_DISK_FULL_AFTER: '500000',
    });
    try {
      const answer = await host.call('applyRecordsImport', {
        fileName: 'dana.recert',
        contentBase64: readFileSync(bundle).toString('base64'),
      });
      expect(answer.body).toEqual({
        ok: false,
        error: { code: 'internal', message: `The disk is full: free space on ${data} and try again. Nothing was changed.` },
      });
      expect(filesUnder(join(data, 'attachments'))).toEqual([]);
      expect((await host.call('listPeople', {})).body).toMatchObject({ ok: true, value: [] });
    } finally {
      await host.stop();
    }
  });
});

/** A tmpfs of `size` mounted on a new folder, or null where this machine does not allow it (not Linux, not root). */
function mountTmpfs(size: string): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const point = tempDir('recert-tmpfs-');
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', point]).status === 0) return point;
  rmSync(point, { recursive: true, force: true });
  return null;
}

const tmpfs = mountTmpfs('1500k');
afterAll(() => {
  if (!tmpfs) return;
  spawnSync('umount', [tmpfs]);
  rmSync(tmpfs, { recursive: true, force: true });
});

describe.runIf(tmpfs)('a full disk (a real 1.5 MB tmpfs)', () => {
  const on = (name: string) => {
    const folder = join(tmpfs ?? '', name);
    mkdirSync(folder);
    return folder;
  };
  const cleared = (folder: string) => rmSync(folder, { recursive: true, force: true });

  it('import, then restore, into a data folder on it', () => {
    const data = on('data');
    const imported = recert(['import', recordsFile, '--db', data]);
    expectDiskFull(imported, data);
    expect(filesUnder(join(data, 'attachments'))).toEqual([]);
    expect(people(data)).toBe(0);
    cleared(data);
    const restoreInto = on('restored');
    const restored = recert(['restore', backup, '--db', restoreInto]);
    expectDiskFull(restored, restoreInto);
    expect(filesUnder(restoreInto)).toEqual([]);
    cleared(restoreInto);
  });

  it('a backup and a packet written to it', () => {
    const out = on('out');
    expectDiskFull(recert(['backup', '--db', source, '--out', join(out, 'b.zip')]), out);
    expect(readdirSync(out)).toEqual([]);
    // Fill the disk but for a few KB, so the packet's first writes do not fit.
    const filler = join(out, 'filler');
    const free = () => {
      const stats = statfsSync(out);
      return stats.bavail * stats.bsize;
    };
    writeFileSync(filler, Buffer.alloc(free() - 8192));
    expectDiskFull(recert(['packet', '--db', source, '--person', 'p1', '--credential', 'c1', '--out', join(out, 'p.pdf')]), out);
    expect(readdirSync(out)).toEqual(['filler']);
    cleared(out);
  });
});
