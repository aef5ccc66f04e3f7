// The second place for backups: the copy (temporary name, read back), its retention touching only
// Recert's own files, and every way the place can fail — missing, full (a real tmpfs when this
// machine lets the test mount one, an injected ENOSPC always), vanishing mid-copy, a copy that does
// not read back — never losing a local backup, always leaving a warning the app shows.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupSettingsFile } from '../../../main/core/backup/backup-settings';
import { copyFileSafely } from '../../../main/core/backup/file-copy';
import { copyToSecondPlace, placeName, SecondPlaceError, sweepUnfinishedCopies } from '../../../main/core/backup/second-place';
import type { BackupsView } from '../../../main/core/domain/views';
import { freshContext, tempDir } from '../../helpers/context';
import { valueNow } from '../../helpers/results';
import { seed, tinyPdf } from '../../helpers/seed';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
let dir: string;
beforeEach(() => {
  dir = tempDir('recert-second-place-');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A file of `size` bytes that is not all one value (so a corrupted copy differs). */
function sourceFile(name: string, size: number): string {
  const path = join(dir, name);
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4096) bytes.writeUInt32LE(i, i);
  writeFileSync(path, bytes);
  return path;
}

/** A real file handle whose writes fail with `code` once `after` bytes are written (a full disk, a drive pulled out). */
async function failingHandle(path: string, after: number, code: string, onFail?: () => void): Promise<FileHandle> {
  const handle = await open(path, 'wx');
  let written = 0;
  return new Proxy(handle, {
    get(target, property, receiver) {
      if (property === 'write')
        return async (buffer: Uint8Array, offset?: number, length?: number) => {
          const size = length ?? buffer.length;
          if (written + size > after) {
            onFail?.();
            throw Object.assign(new Error(`${code}: injected`), { code });
          }
          written += size;
          return target.write(buffer, offset, length);
        };
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('copyToSecondPlace', () => {
  it('copies the backup under its own name, read back, leaving no temporary file', async () => {
    const backup = sourceFile('auto-2026-12-01.zip', 3_000_000);
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const placed = await copyToSecondPlace({ backup, folder: usb, passphrase: null, today: '2026-12-01' });
    expect(placed.name).toBe('auto-2026-12-01.zip');
    expect(sha(placed.path)).toBe(sha(backup));
    expect(readdirSync(usb)).toEqual(['auto-2026-12-01.zip']);
  });

  it("keeps 7 days and 4 weeks of automatic backups there and never touches files that are not Recert's", async () => {
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const others = ['notes.txt', 'auto-2026-01-01.zip.bak', 'holiday.zip', 'manual-2026-01-02T10-00-00-000Z.zip'];
    for (const name of others) writeFileSync(join(usb, name), name);
    // 40 days of automatic backups already there, plain and encrypted alike.
    for (let day = 1; day <= 30; day++) writeFileSync(join(usb, `auto-2026-11-${String(day).padStart(2, '0')}.zip`), 'x');
    for (let day = 21; day <= 31; day++) writeFileSync(join(usb, `auto-2026-10-${String(day).padStart(2, '0')}.zip.age`), 'x');
    const backup = sourceFile('auto-2026-12-01.zip', 10_000);
    await copyToSecondPlace({ backup, folder: usb, passphrase: null, today: '2026-12-01' });
    const left = readdirSync(usb).sort();
    for (const name of others) expect(left).toContain(name);
    const automatic = left.filter((n) => /^auto-\d{4}-\d{2}-\d{2}\.zip(\.age)?$/.test(n));
    // The 7 newest days, plus the newest of each of the 4 weeks they do not cover.
    // 1 Dec 2026 is a Tuesday: weeks start on 30 Nov, 23 Nov, 16 Nov and 9 Nov.
    expect(automatic).toEqual([
      'auto-2026-11-15.zip',
      'auto-2026-11-22.zip',
      'auto-2026-11-25.zip',
      'auto-2026-11-26.zip',
      'auto-2026-11-27.zip',
      'auto-2026-11-28.zip',
      'auto-2026-11-29.zip',
      'auto-2026-11-30.zip',
      'auto-2026-12-01.zip',
    ]);
  });

  it('says the folder is missing (the drive unplugged) and reads the local backup only', async () => {
    const backup = sourceFile('auto-2026-12-01.zip', 100_000);
    const before = sha(backup);
    const error = await copyToSecondPlace({ backup, folder: join(dir, 'unplugged'), passphrase: null, today: '2026-12-01' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SecondPlaceError);
    expect((error as SecondPlaceError).problem).toBe('missing');
    expect((error as Error).message).toMatch(/is the drive plugged in/);
    expect(sha(backup)).toBe(before);
  });

  it('a full drive (injected ENOSPC part-way) leaves no file under the backup name and no temporary file', async () => {
    const backup = sourceFile('manual-2026-12-01T10-00-00-000Z.zip', 5_000_000);
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const error = await copyToSecondPlace({
      backup,
      folder: usb,
      passphrase: null,
      today: '2026-12-01',
      openTemporary: (path) => failingHandle(path, 2_000_000, 'ENOSPC'),
    }).catch((e: unknown) => e);
    expect((error as SecondPlaceError).problem).toBe('full');
    expect((error as Error).message).toBe('the drive is full');
    expect(readdirSync(usb)).toEqual([]);
    expect(existsSync(backup)).toBe(true);
  });

  it('a real tmpfs that fills up: refused as full, the folder left without a partial backup', async () => {
    const usb = join(dir, 'tmpfs');
    mkdirSync(usb);
    // Mounting needs root; where the suite runs without it, the injected ENOSPC above stands in.
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', usb]).status === 0;
    try {
      const backup = sourceFile('auto-2026-12-01.zip', 3_000_000);
      const error = await copyToSecondPlace({
        backup,
        folder: usb,
        passphrase: null,
        today: '2026-12-01',
        ...(mounted ? {} : { openTemporary: (path: string) => failingHandle(path, 1_000_000, 'ENOSPC') }),
      }).catch((e: unknown) => e);
      expect((error as SecondPlaceError).problem).toBe('full');
      expect(readdirSync(usb)).toEqual([]);
    } finally {
      if (mounted) spawnSync('umount', [usb]);
    }
  });

  it('a folder removed mid-copy: refused as missing, the local backup intact', async () => {
    const backup = sourceFile('auto-2026-12-01.zip', 5_000_000);
    const before = sha(backup);
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const error = await copyToSecondPlace({
      backup,
      folder: usb,
      passphrase: null,
      today: '2026-12-01',
      // Part-way through, the folder goes (the drive pulled out): the rename then finds nothing.
      openTemporary: async (path) => {
        const handle = await open(path, 'wx');
        let writes = 0;
        return new Proxy(handle, {
          get(target, property, receiver) {
            if (property === 'write')
              return (...args: Parameters<FileHandle['write']>) => {
                if (++writes === 2) rmSync(usb, { recursive: true, force: true });
                return target.write(...args);
              };
            const value = Reflect.get(target, property, receiver) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        });
      },
    }).catch((e: unknown) => e);
    expect((error as SecondPlaceError).problem).toBe('missing');
    expect(existsSync(usb)).toBe(false);
    expect(sha(backup)).toBe(before);
  });

  it('a copy that does not read back as written is removed and refused', async () => {
    const backup = sourceFile('auto-2026-12-01.zip', 3_000_000);
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const error = await copyFileSafely({
      from: backup,
      to: join(usb, 'auto-2026-12-01.zip'),
      // The drive writes something else than it is given (hashed before the write).
      openTemporary: async (path) => {
        const handle = await open(path, 'wx');
        return new Proxy(handle, {
          get(target, property, receiver) {
            if (property === 'write')
              return (buffer: Buffer, offset: number, length: number) => {
                const flipped = Buffer.from(buffer.subarray(offset, offset + length));
                flipped[0] = (flipped[0] ?? 0) ^ 0xff;
                return target.write(flipped, 0, flipped.length);
              };
            const value = Reflect.get(target, property, receiver) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        });
      },
    }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('CopyMismatchError');
    expect(readdirSync(usb)).toEqual([]);
  });

  it('sweeps copies that never finished, an hour old, and nothing else', () => {
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const stale = join(usb, '.auto-2026-12-01.zip.age.0123456789ab.tmp');
    const young = join(usb, '.manual-2026-12-01T10-00-00-000Z.zip.abcdefabcdef.tmp');
    const foreign = join(usb, '.somebody-else.tmp');
    for (const path of [stale, young, foreign]) writeFileSync(path, 'x');
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(stale, hourAgo, hourAgo);
    utimesSync(foreign, hourAgo, hourAgo);
    expect(sweepUnfinishedCopies(usb)).toEqual([stale]);
    expect(readdirSync(usb).sort()).toEqual([foreign, young].map((p) => p.slice(usb.length + 1)).sort());
  });

  it('names removable drives as drives, other folders by name', () => {
    expect(placeName('E:\\Recert backups')).toBe('your drive E:');
    expect(placeName('/media/dana/BACKUP/Recert')).toBe('your drive “BACKUP”');
    expect(placeName('/Volumes/KINGSTON/recert')).toBe('your drive “KINGSTON”');
    expect(placeName('/home/dana/Dropbox/Recert')).toBe('the folder “Recert”');
  });
});

describe('the app: backups reach the second place, or the app says so', () => {
  let context: ReturnType<typeof freshContext>;
  beforeEach(() => {
    context = freshContext();
    const s = seed(context);
    valueNow(
      context.dispatch('addAttachment', {
        owner: { kind: 'course', id: s.courseId },
        fileName: 'ces.pdf',
        contentBase64: tinyPdf.toString('base64'),
      }),
    );
  });
  afterEach(() => context.dispose());
  const view = async (method: 'backUpNow' | 'getBackups', input = {}) =>
    (await context.dispatch(method, input)) as { ok: true; value: BackupsView };

  it('refuses a folder that is not there, or inside the data folder, naming what to do', async () => {
    const missing = await context.dispatch('setSecondPlace', { folder: join(dir, 'nope') });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/not a folder that exists here; plug in the drive/);
    const inside = await context.dispatch('setSecondPlace', { folder: join(context.dataDir, 'attachments') });
    expect(inside.ok).toBe(false);
    if (!inside.ok) expect(inside.error.message).toMatch(/inside the data folder/);
    const relative = await context.dispatch('setSecondPlace', { folder: 'usb' });
    expect(relative.ok).toBe(false);
  });

  it('copies each backup; a vanished folder keeps the local backup, warns, and the next backup catches up', async () => {
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    await context.service.automaticBackup();
    const set = valueNow(await context.dispatch('setSecondPlace', { folder: usb })) as BackupsView;
    // The newest backup went there at once.
    expect(set.secondPlace.backups.map((b) => b.name)).toEqual(set.backups.slice(0, 1).map((b) => b.name));
    expect(set.secondPlace.warning).toBeNull();

    rmSync(usb, { recursive: true });
    const failed = (await view('backUpNow')).value;
    expect(failed.backups).toHaveLength(2);
    expect(failed.secondPlace.warning).toMatch(/^Today's backup has not reached the folder “usb”: the folder is not there/);
    expect(failed.secondPlace.warning).toMatch(/The backups on this computer are safe/);
    expect(valueNow(await context.dispatch('getBackupWarning', {}))).toEqual({ warning: failed.secondPlace.warning });

    // Nine days without a copy: said in days.
    const status = backupSettingsFile(context.dataDir).get('secondPlaceStatus') as Record<string, unknown>;
    const nineDaysAgo = new Date(Date.now() - 9 * 24 * 60 * 60 * 1000).toISOString();
    backupSettingsFile(context.dataDir).set('secondPlaceStatus', { ...status, lastCopiedAt: nineDaysAgo });
    expect((await view('getBackups')).value.secondPlace.warning).toMatch(/^Your backups have not reached the folder “usb” for 9 days: /);

    mkdirSync(usb);
    const again = (await view('backUpNow')).value;
    expect(again.secondPlace.warning).toBeNull();
    expect(readdirSync(usb).filter((n) => n.startsWith('manual-'))).toHaveLength(1);
    expect(again.secondPlace.backups[0]?.name).toBe(again.backups[0]?.name);
  });

  it('a second place failing at the automatic backup: the local backup is made, nothing is thrown, the warning shown', async () => {
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    valueNow(await context.dispatch('setSecondPlace', { folder: usb }));
    // The place became a file (a drive mounted differently): not a folder any more.
    const blocker = join(usb, 'blocked');
    writeFileSync(blocker, '');
    backupSettingsFile(context.dataDir).set('secondPlace', blocker);
    await expect(context.service.automaticBackup()).resolves.toMatch(/auto-\d{4}-\d{2}-\d{2}\.zip$/);
    const shown = (await view('getBackups')).value;
    expect(shown.backups).toHaveLength(1);
    expect(shown.secondPlace.warning).toMatch(/has not reached/);
  });
});
