// Encrypted backups and bundles (the age format, scrypt passphrase): the CLI's --encrypt, restore,
// import and evaluate recognising an encrypted file by its content, `check --backup`, and the app's
// restore and drill — a wrong passphrase, a truncated or a tampered file each refused in words with
// nothing changed. Each encryption or decryption pays scrypt's work factor 18 (about a second):
// the cases share their files.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppContext } from '../../../main/app-context';
import { withPlainFile } from '../../../main/core/backup/decrypted';
import { AGE_HEADER, EncryptionError } from '../../../main/core/backup/encryption';
import { copyFileSafely } from '../../../main/core/backup/file-copy';
import { backupSettingsFile } from '../../../main/core/backup/backup-settings';
import { memoryPassphraseStore } from '../../../main/core/backup/passphrase-store';
import type { BackupsView } from '../../../main/core/domain/views';
import { projectRoot, resourcesDir, tempDir } from '../../helpers/context';
import { valueNow } from '../../helpers/results';
import { seed, snapshot, tinyPdf } from '../../helpers/seed';

const PASSPHRASE = 'copper violin meadow ninety';
let dir: string;
let source: string;
let plainBackup: string;
let encryptedBackup: string;

function recert(args: string[], env: Record<string, string | undefined> = { RECERT_PASSPHRASE: PASSPHRASE }) {
  const unset = new Set(Object.entries(env).flatMap(([key, value]) => (value === undefined ? [key] : [])));
  const environment = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([key]) => !unset.has(key)));
  // stdin is not a terminal here: without RECERT_PASSPHRASE the passphrase cannot be asked.
  return spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8', env: environment, stdio: 'pipe' });
}
function rows(dataDir: string): string {
  const context = openAppContext({ dataDir, resourcesDir });
  try {
    return snapshot(context);
  } finally {
    context.close();
  }
}
const isAge = (path: string) => readFileSync(path).subarray(0, AGE_HEADER.length).toString('latin1') === AGE_HEADER;

beforeAll(() => {
  dir = tempDir('recert-encrypted-');
  source = join(dir, 'source');
  const context = openAppContext({ dataDir: source, resourcesDir });
  const s = seed(context);
  // With the seed's own certificate: 9 files.
  for (let i = 0; i < 8; i++)
    valueNow(
      context.dispatch('addAttachment', {
        owner: { kind: 'course', id: s.courseId },
        fileName: `scan-${i}.pdf`,
        contentBase64: Buffer.concat([tinyPdf, Buffer.from(`%${i}`), Buffer.alloc(150_000, i)]).toString('base64'),
      }),
    );
  context.close();
  plainBackup = join(dir, 'plain.zip');
  encryptedBackup = join(dir, 'backup.zip.age');
  const plain = recert(['backup', '--db', source, '--out', plainBackup]);
  expect(plain.status, plain.stderr).toBe(0);
  const made = recert(['backup', '--db', source, '--out', encryptedBackup, '--encrypt']);
  expect(made.status, made.stderr).toBe(0);
  expect(made.stdout).toMatch(/encrypted with your passphrase/);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recert backup --encrypt and restore', () => {
  it('writes an age file (by content) and leaves no plain copy behind, beside it or in the data folder', () => {
    expect(isAge(encryptedBackup)).toBe(true);
    expect(readFileSync(encryptedBackup).includes(Buffer.from('manifest.json'))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(source).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('restores with the passphrase from RECERT_PASSPHRASE, into exactly the data that was backed up', () => {
    const target = join(dir, 'restored');
    const result = recert(['restore', encryptedBackup, '--db', target]);
    expect(result.status, result.stderr).toBe(0);
    expect(rows(target)).toBe(rows(source));
    expect(readdirSync(target).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(recert(['check', '--db', target]).status).toBe(0);
  });

  it('refuses a wrong passphrase, a missing one and a truncated or tampered file, exit 2, the target untouched', () => {
    const target = join(dir, 'refused');
    const wrong = recert(['restore', encryptedBackup, '--db', target], { RECERT_PASSPHRASE: 'not it at all, no' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/could not be opened with this passphrase: check it/);
    const missing = recert(['restore', encryptedBackup, '--db', target], { RECERT_PASSPHRASE: undefined });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/is encrypted: a passphrase is needed; .*set RECERT_PASSPHRASE \(never give it as an argument\)/);
    const bytes = readFileSync(encryptedBackup);
    const truncated = join(dir, 'truncated.zip.age');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 5000));
    const tampered = join(dir, 'tampered.zip.age');
    const changed = Buffer.from(bytes);
    const middle = Math.floor(changed.length / 2);
    changed[middle] = (changed[middle] ?? 0) ^ 0x01;
    writeFileSync(tampered, changed);
    for (const file of [truncated, tampered]) {
      const result = recert(['restore', file, '--db', target]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/is encrypted but damaged or incomplete .* Nothing was changed/);
    }
    expect(existsSync(join(target, 'recert.sqlite3'))).toBe(false);
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
  }, 60_000);

  it('never takes the passphrase from an argument', () => {
    const result = recert(['backup', '--db', source, '--out', join(dir, 'argv.zip.age'), '--encrypt', '--passphrase', PASSPHRASE]);
    expect(result.status).toBe(2);
    expect(existsSync(join(dir, 'argv.zip.age'))).toBe(false);
  });

  it('refuses a passphrase too short to protect anything', () => {
    const result = recert(['backup', '--db', source, '--out', join(dir, 'short.zip.age'), '--encrypt'], { RECERT_PASSPHRASE: 'abc' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/too short: use at least 10 characters/);
  });
});

describe('recert check --backup', () => {
  it('exit 0 for a sound backup, plain or encrypted, after restoring it into a temporary folder', () => {
    for (const file of [plainBackup, encryptedBackup]) {
      const result = recert(['check', '--backup', file]);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(
        /Restored it into a temporary folder\. Checked the database and 9 certificate files: everything is in order\./,
      );
    }
  });

  it('exit 1 naming each problem of a backup that restores but does not check out', () => {
    // A data folder that lost a certificate file behind Recert's back, backed up as it is.
    const broken = join(dir, 'broken');
    const restored = recert(['restore', plainBackup, '--db', broken]);
    expect(restored.status, restored.stderr).toBe(0);
    const attachments = join(broken, 'attachments');
    const folder = readdirSync(attachments)[0] ?? '';
    const file = readdirSync(join(attachments, folder))[0] ?? '';
    rmSync(join(attachments, folder, file));
    const backup = join(dir, 'broken.zip');
    expect(recert(['backup', '--db', broken, '--out', backup]).status).toBe(0);
    const result = recert(['check', '--backup', backup]);
    expect(result.status).toBe(1);
    // The restore itself refuses a backup lacking a certificate its records use: a problem, not unreadable.
    expect(result.stdout).toMatch(/^Problem: It does not hold the certificate file "scan-\d\.pdf" that its database refers to\.$/m);
    expect(result.stdout).toMatch(/a restore refuses it: the data it holds is not sound/);
  });

  it('exit 2 when the backup cannot be read', () => {
    const damaged = join(dir, 'damaged.zip');
    writeFileSync(damaged, readFileSync(plainBackup).subarray(0, 4000));
    const result = recert(['check', '--backup', damaged]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot be restored/);
    expect(recert(['check', '--backup', join(dir, 'nowhere.zip')]).status).toBe(2);
  });
});

describe('encrypted bundles', () => {
  it('export --encrypt writes an age file that import and evaluate open with the passphrase', () => {
    const bundle = join(dir, 'records.recert');
    const exported = recert(['export', '--db', source, '--out', bundle, '--encrypt']);
    expect(exported.status, exported.stderr).toBe(0);
    expect(isAge(bundle)).toBe(true);
    const evaluated = recert(['evaluate', bundle, '--json']);
    expect(evaluated.status, evaluated.stderr).toBe(0);
    expect(JSON.parse(evaluated.stdout)).toHaveProperty('asOf');
    const refused = recert(['evaluate', bundle], { RECERT_PASSPHRASE: 'the wrong words here' });
    expect(refused.status).toBe(2);
    const target = join(dir, 'imported');
    const imported = recert(['import', bundle, '--db', target]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^Imported .*9 certificate files/);
  }, 60_000);

  it('export --encrypt refuses a records file, whose certificates lie beside it', () => {
    const result = recert(['export', '--db', source, '--out', join(dir, 'records.json'), '--encrypt']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--encrypt goes with a \.recert bundle/);
  });
});

describe('decryption as a step before reading', () => {
  it('hands on only a file that decrypted to its end, and removes the decrypted copy afterwards', async () => {
    const folder = join(dir, 'decrypting');
    mkdirSync(folder);
    const seen = await withPlainFile({ file: encryptedBackup, temporaryFolder: folder, passphrase: PASSPHRASE }, (plain, encrypted) => {
      expect(encrypted).toBe(true);
      return Promise.resolve(readFileSync(plain).equals(readFileSync(plainBackup).subarray(0, 0)) ? 'same' : readFileSync(plain).length);
    });
    expect(seen).toBeGreaterThan(1_000_000);
    expect(readdirSync(folder)).toEqual([]);
    const bytes = readFileSync(encryptedBackup);
    const cut = join(dir, 'cut.zip.age');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    let used = false;
    const error = await withPlainFile({ file: cut, temporaryFolder: folder, passphrase: PASSPHRASE }, () => {
      used = true;
      return Promise.resolve();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EncryptionError);
    expect((error as EncryptionError).problem).toBe('damaged');
    expect(used).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  }, 30_000);

  it('a file encrypted here is a standard age file: it round-trips through the library with no extra framing', async () => {
    const small = join(dir, 'small.txt');
    writeFileSync(small, 'hello');
    const out = join(dir, 'small.txt.age');
    const written = await copyFileSafely({ from: small, to: out, transform: { kind: 'encrypt', passphrase: PASSPHRASE } });
    // The age header, one scrypt stanza, the MAC, a 16-byte nonce, then one chunk of 5 bytes + 16 of tag.
    const text = readFileSync(out).toString('latin1');
    expect(text.startsWith(`${AGE_HEADER}-> scrypt `)).toBe(true);
    expect(written.size).toBe(readFileSync(out).length);
  }, 30_000);
});

describe('the app: encrypted copies in the second place, restored and drilled', () => {
  it('restores an encrypted copy with the kept passphrase; a wrong one given changes nothing; the drill names a tampered copy', async () => {
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const dataDir = join(dir, 'app');
    copyFileSync(plainBackup, join(dir, 'app-seed.zip'));
    expect(recert(['restore', join(dir, 'app-seed.zip'), '--db', dataDir]).status).toBe(0);
    const context = openAppContext({ dataDir, resourcesDir, platform: { passphrases: memoryPassphraseStore() } });
    try {
      valueNow(await context.dispatch('setBackupPassphrase', { passphrase: PASSPHRASE, again: PASSPHRASE }));
      const set = valueNow(await context.dispatch('setSecondPlace', { folder: usb })) as BackupsView;
      expect(set.secondPlace.warning).toBeNull();
      const made = valueNow(await context.dispatch('backUpNow', {})) as BackupsView;
      const copy = made.secondPlace.backups[0];
      expect(copy?.encrypted).toBe(true);
      expect(copy?.name).toMatch(/^manual-.*\.zip\.age$/);
      expect(isAge(join(usb, copy?.name ?? ''))).toBe(true);

      const before = snapshot(context);
      const wrong = await context.dispatch('restoreListedBackup', {
        place: 'second',
        name: copy?.name ?? '',
        passphrase: 'wrong wrong wrong',
      });
      expect(wrong.ok).toBe(false);
      if (!wrong.ok) {
        expect(wrong.error.field).toBe('passphrase');
        expect(wrong.error.message).toMatch(/could not be opened with this passphrase/);
      }
      expect(snapshot(context)).toBe(before);

      valueNow(context.dispatch('updateSettings', { theme: 'dark' }));
      const restored = await context.dispatch('restoreListedBackup', { place: 'second', name: copy?.name ?? '' });
      expect(restored.ok, JSON.stringify(restored)).toBe(true);
      expect(context.store.settings.get('theme')).not.toBe('dark');
      expect(readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

      const drilled = valueNow(await context.dispatch('testMyBackups', {})) as BackupsView;
      expect(drilled.drill.ok).toBe(true);
      expect(drilled.drill.lines).toHaveLength(2);
      // A copy changed on the drive: the drill says so, by name.
      const newest = drilled.secondPlace.backups[0]?.name ?? '';
      const bytes = readFileSync(join(usb, newest));
      bytes[bytes.length - 40] = (bytes[bytes.length - 40] ?? 0) ^ 0x01;
      writeFileSync(join(usb, newest), bytes);
      const failed = valueNow(await context.dispatch('testMyBackups', {})) as BackupsView;
      expect(failed.drill.ok).toBe(false);
      expect(failed.drill.lastText).toMatch(/^Last test: .*: problems found/);
      expect(failed.drill.lines.find((l) => l.includes(newest))).toMatch(/is encrypted but damaged or incomplete/);
      expect(readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    } finally {
      context.close();
    }
  }, 120_000);

  it('with encryption chosen but the passphrase unknown here, no plain copy is sent and the app says why', async () => {
    const usb = join(dir, 'usb-unknown');
    mkdirSync(usb);
    const dataDir = join(dir, 'app-unknown');
    expect(recert(['restore', plainBackup, '--db', dataDir]).status).toBe(0);
    const context = openAppContext({ dataDir, resourcesDir, platform: { passphrases: memoryPassphraseStore() } });
    try {
      backupSettingsFile(context.dataDir).set('encryptSecondPlace', true);
      const set = valueNow(await context.dispatch('setSecondPlace', { folder: usb })) as BackupsView;
      await context.dispatch('backUpNow', {});
      expect(readdirSync(usb)).toEqual([]);
      const shown = valueNow(context.dispatch('getBackups', {})) as BackupsView;
      expect(set.passphrase.set).toBe(false);
      expect(shown.secondPlace.warning).toMatch(/this computer does not know the backup passphrase; enter it again/);
    } finally {
      context.close();
    }
  });
});
