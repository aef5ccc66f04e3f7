// Backups, restore and the data check: a round trip, every kind of damaged backup refused with the
// target untouched, --replace keeping the replaced data, retention, and kill -9 of a real child
// process during a backup and a restore.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { ZipFile } from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppContext } from '../../../main/app-context';
import { backupsToKeep } from '../../../main/core/backup/retention';
import { sweepLeftovers } from '../../../main/core/backup/check';
import { interruptedRestore, recoverRestore } from '../../../main/core/backup/restore-journal';
import type { DataCheckView } from '../../../main/core/domain/views';
import { projectRoot, resourcesDir, tempDir } from '../../helpers/context';
import { valueNow } from '../../helpers/results';
import { seed, snapshot, tinyPdf } from '../../helpers/seed';

let dir: string;
let source: string;
beforeAll(() => {
  dir = tempDir('recert-backup-');
  source = join(dir, 'source');
  const context = openAppContext({ dataDir: source, resourcesDir });
  const s = seed(context);
  // Enough certificates (18 MB) that writing a backup takes a moment (for the kill -9 tests) and is
  // shared by two threads, as a real store's is.
  for (let i = 0; i < 90; i++) {
    valueNow(
      context.dispatch('addAttachment', {
        owner: { kind: 'course', id: s.courseId },
        fileName: `scan-${i}.pdf`,
        contentBase64: Buffer.concat([tinyPdf, Buffer.from(`%${i}`), Buffer.alloc(200_000, i)]).toString('base64'),
      }),
    );
  }
  context.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recert(...args: string[]) {
  return spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8' });
}

/** Every file of a folder with its SHA-256 (but the lock file, which holds no data): proof that a refused restore changed nothing. */
function fingerprint(folder: string): Record<string, string> {
  if (!existsSync(folder)) return {};
  const out: Record<string, string> = {};
  const visit = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (full === join(folder, 'recert.lock')) continue;
      if (statSync(full).isDirectory()) visit(full);
      else out[relative(folder, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  visit(folder);
  return out;
}

function rows(dataDir: string): string {
  const context = openAppContext({ dataDir, resourcesDir });
  try {
    return snapshot(context);
  } finally {
    context.close();
  }
}

describe('backup and restore', () => {
  it('round-trips the database and every certificate, and the restored folder passes the check', () => {
    const file = join(dir, 'round.zip');
    const made = recert('backup', '--db', source, '--out', file);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/the database and 91 certificate files/);
    const target = join(dir, 'restored');
    const restored = recert('restore', file, '--db', target);
    expect(restored.status, restored.stderr).toBe(0);
    expect(rows(target)).toBe(rows(source));
    const attachments = (folder: string) => fingerprint(join(folder, 'attachments'));
    expect(attachments(target)).toEqual(attachments(source));
    const check = recert('check', '--db', target);
    expect(check.status, check.stdout).toBe(0);
    expect(check.stdout).toContain('Checked the database and 91 certificate files: everything is in order.');
  });

  it('refuses a folder that already holds data unless --replace, which first keeps the replaced data as a backup', () => {
    const file = join(dir, 'replace.zip');
    expect(recert('backup', '--db', source, '--out', file).status).toBe(0);
    const target = join(dir, 'occupied');
    const context = openAppContext({ dataDir: target, resourcesDir });
    valueNow(context.dispatch('createPerson', { name: 'Someone Else' }));
    context.close();
    const before = fingerprint(target);
    const refused = recert('restore', file, '--db', target);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/already holds Recert data\. Nothing was changed; to replace it .*--replace/);
    expect(fingerprint(target)).toEqual(before);
    const replaced = recert('restore', file, '--db', target, '--replace');
    expect(replaced.status, replaced.stderr).toBe(0);
    expect(rows(target)).toBe(rows(source));
    const kept = readdirSync(join(target, 'backups')).filter((n) => n.startsWith('before-restore-'));
    expect(kept).toHaveLength(1);
    const back = join(dir, 'back');
    expect(recert('restore', join(target, 'backups', kept[0] ?? ''), '--db', back).status).toBe(0);
    expect(rows(back)).toContain('Someone Else');
  });

  it('refuses damaged, truncated, tampered, hostile and foreign files before touching the target', async () => {
    const good = join(dir, 'good.zip');
    expect(recert('backup', '--db', source, '--out', good).status).toBe(0);
    const bytes = readFileSync(good);
    const target = join(dir, 'untouched');
    const variants: [string, Buffer | (() => Promise<Buffer>), RegExp][] = [
      ['truncated', bytes.subarray(0, Math.floor(bytes.length / 2)), /not a complete Recert backup/],
      ['not a zip', Buffer.from('%PDF-1.4 not a backup'), /not a complete Recert backup/],
      [
        'tampered certificate',
        (() => {
          // Certificates are stored uncompressed: change one byte of one of them.
          const copy = Buffer.from(bytes);
          const at = copy.indexOf(Buffer.alloc(64, 7));
          copy[at] = 8;
          return copy;
        })(),
        /does not match its SHA-256/,
      ],
      [
        'damaged entry header',
        (() => {
          // The directory at the end is intact, but a certificate's own header has been overwritten.
          const copy = Buffer.from(bytes);
          const at = copy.indexOf(Buffer.from('attachments/')) - 30;
          copy.write('XXXX', at, 'latin1');
          return copy;
        })(),
        /damaged or truncated \(.* has no entry header at byte/,
      ],
      [
        'compressed entry',
        () => zipOf({ 'recert.sqlite3': 'x'.repeat(1000), 'manifest.json': '{}' }, true),
        /"recert\.sqlite3" is compressed, which no Recert backup does/,
      ],
      ['path traversal', () => zipOf({ '../evil.txt': 'x', 'manifest.json': '{}' }), /damaged \(invalid relative path: \.\.\/evil\.txt\)/],
      ['no manifest', () => zipOf({ 'recert.sqlite3': 'x' }), /has no manifest/],
      [
        'newer version',
        () => zipOf({ 'manifest.json': JSON.stringify({ format: 'recert-backup/1', schemaVersion: 999, files: [] }) }),
        /holds no database|newer version/,
      ],
      [
        'damaged database, consistent manifest',
        () => {
          // A database whose pages are damaged but whose manifest lists it with its true size and
          // SHA-256: only opening it and running integrity_check finds the damage.
          const copy = join(dir, 'damaged.sqlite3');
          rmSync(copy, { force: true });
          const db = new Database(join(source, 'recert.sqlite3'), { readonly: true });
          db.exec(`VACUUM INTO '${copy}'`);
          const pageSize = Number(db.pragma('page_size', { simple: true }));
          const schemaVersion = Number(db.pragma('user_version', { simple: true }));
          db.close();
          const damaged = readFileSync(copy);
          expect(damaged.length).toBeGreaterThan(pageSize * 4);
          damaged.fill(0x5a, pageSize * 2 + 8, pageSize * 3);
          const manifest = {
            format: 'recert-backup/1',
            createdAt: new Date().toISOString(),
            schemaVersion,
            files: [{ path: 'recert.sqlite3', size: damaged.length, sha256: createHash('sha256').update(damaged).digest('hex') }],
          };
          return zipOf({ 'recert.sqlite3': damaged, 'manifest.json': JSON.stringify(manifest) });
        },
        /its database is damaged|its database cannot be read/,
      ],
    ];
    for (const [name, content, message] of variants) {
      const file = join(dir, `bad-${name.replace(/ /g, '-')}.zip`);
      writeFileSync(file, typeof content === 'function' ? await content() : content);
      const result = recert('restore', file, '--db', target);
      expect(result.status, `${name}: ${result.stderr}`).toBe(2);
      expect(result.stderr, `${name}: ${result.stderr}`).toMatch(message);
      expect(result.stderr, name).toContain('Nothing was changed');
      expect(fingerprint(target), name).toEqual({});
    }
  });
});

/** A ZIP of the entries, stored like a backup's unless `compress`. */
function zipOf(entries: Record<string, string | Buffer>, compress = false): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.from(content), name.replace('../', 'xx/'), { compress });
  zip.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => {
      // yazl refuses ".." in names; write it into the archive by hand, as a hostile file would.
      resolve(Buffer.from(Buffer.concat(chunks).toString('latin1').replaceAll('xx/evil.txt', '../evil.txt'), 'latin1'));
    });
  });
}

describe('kill -9', () => {
  /** Starts a command and kills it (SIGKILL) after `ms`; resolves when it is gone. */
  function killAfter(args: string[], ms: number): Promise<void> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Kills the command as soon as `landed()` says it is part-way through its write (polled every 2 ms). */
  function killWhen(args: string[], landed: () => boolean): Promise<boolean> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { stdio: 'ignore' });
      let killed = false;
      const poll = setInterval(() => {
        if (!killed && landed()) killed = child.kill('SIGKILL');
      }, 2);
      child.on('exit', () => {
        clearInterval(poll);
        resolve(killed);
      });
    });
  }

  it('part-way through writing the archive (two threads copying) leaves no backup, and the next attempt clears the leftovers', async () => {
    let landed = 0;
    for (const attempt of [1, 2, 3]) {
      const out = join(dir, `mid-${attempt}.zip`);
      const temporary = () => readdirSync(dir).find((n) => n.startsWith(`.mid-${attempt}.zip.`) && n.endsWith('.tmp'));
      const killed = await killWhen(['backup', '--db', source, '--out', out], () => {
        const name = temporary();
        return name !== undefined && statSync(join(dir, name)).size > 1_000_000;
      });
      if (killed && !existsSync(out)) landed += 1;
      else expect(recert('restore', out, '--db', join(dir, `mid-check-${attempt}`)).status).toBe(0);
      rmSync(out, { force: true });
      expect(recert('backup', '--db', source, '--out', out).status).toBe(0);
      expect(readdirSync(dir).filter((n) => n.startsWith(`.mid-${attempt}.zip.`))).toEqual([]);
    }
    // The poll can miss the window on a busy machine, but not three times out of three.
    expect(landed).toBeGreaterThan(0);
  }, 120_000);

  it('during a backup leaves the store intact and either no backup or a complete one; the next attempt clears the leftovers', async () => {
    const before = rows(source);
    for (const ms of [40, 120, 250, 400]) {
      const out = join(dir, `killed-${ms}.zip`);
      await killAfter(['backup', '--db', source, '--out', out], ms);
      if (existsSync(out)) expect(recert('restore', out, '--db', join(dir, `killed-check-${ms}`)).status).toBe(0);
      expect(rows(source)).toBe(before);
      const again = recert('backup', '--db', source, '--out', join(dir, `again-${ms}.zip`));
      expect(again.status).toBe(0);
      if (!existsSync(out)) {
        expect(recert('backup', '--db', source, '--out', out).status).toBe(0);
        expect(readdirSync(dir).filter((n) => n.startsWith(`.killed-${ms}.zip.`))).toEqual([]);
      }
    }
    // A killed backup's copy of the database waits in the temporary area: the check says so until the
    // sweep at a start an hour later removes it.
    const { leftovers } = await import('../../../main/core/backup/check');
    const left = leftovers(source);
    const check = recert('check', '--db', source);
    if (left.length > 0) {
      expect(check.status).toBe(1);
      expect(check.stdout).toMatch(/temporary files? of an interrupted write remain/);
    }
    sweepLeftovers(source, Date.now() + 2 * 60 * 60 * 1000);
    expect(leftovers(source)).toEqual([]);
    expect(recert('check', '--db', source).status).toBe(0);
  }, 120_000);

  it('during a restore leaves the target either as it was or fully restored, and the leftovers are swept', async () => {
    const file = join(dir, 'for-restore.zip');
    expect(recert('backup', '--db', source, '--out', file).status).toBe(0);
    // At the given times, and at the moment between the swap's renames (the database in place, the
    // certificates not yet), which a timed kill only sometimes meets.
    const kills: [string, () => Promise<unknown>][] = [
      ...[30, 100, 200, 350].map((ms): [string, () => Promise<unknown>] => [
        `${ms}`,
        () => killAfter(['restore', file, '--db', join(dir, `restore-killed-${ms}`)], ms),
      ]),
      [
        'between-renames',
        async () => {
          const result = spawnSync(
            process.execPath,
            [join(projectRoot, 'bin/recert.js'), 'restore', file, '--db', join(dir, 'restore-killed-between-renames')],
            {
              env: { ...process.env, RECERT_CRASH_AT: 'restore-rename-1' },
            },
          );
          expect(result.signal).toBe('SIGKILL');
        },
      ],
    ];
    for (const [when, kill] of kills) {
      const target = join(dir, `restore-killed-${when}`);
      await kill();
      // The next start finishes or undoes a swap the kill interrupted: judge the folder after it, as
      // the app does (reading the database first would see a half-made swap).
      if (interruptedRestore(target)) recoverRestore(target);
      const restored = existsSync(join(target, 'recert.sqlite3'));
      if (restored) expect(rows(target)).toBe(rows(source));
      // What the kill left (a staging folder) is swept at the next start once it is stale.
      sweepLeftovers(target, Date.now() + 2 * 60 * 60 * 1000);
      expect(existsSync(target) ? readdirSync(target).filter((n) => n.endsWith('.tmp')) : []).toEqual([]);
      if (!restored) {
        expect(recert('restore', file, '--db', target).status).toBe(0);
        expect(rows(target)).toBe(rows(source));
      }
    }
  }, 120_000);
});

describe('check my data', () => {
  it('names a missing certificate by its course, and offers to remove files no record uses', () => {
    const target = join(dir, 'check');
    const file = join(dir, 'check.zip');
    expect(recert('backup', '--db', source, '--out', file).status).toBe(0);
    expect(recert('restore', file, '--db', target).status).toBe(0);
    const attachments = join(target, 'attachments');
    const folder = readdirSync(attachments)[0] ?? '';
    const victim = readdirSync(join(attachments, folder))[0] ?? '';
    rmSync(join(attachments, folder, victim));
    mkdirSync(join(attachments, 'ff'), { recursive: true });
    writeFileSync(join(attachments, 'ff', 'f'.repeat(64)), 'no record uses me');
    const result = recert('check', '--db', target);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /Problem: The certificate ".*" of the course "Corrective Exercise Specialist" \(Dana Rivera\) is missing/,
    );
    expect(result.stdout).toContain(`No record uses attachments/ff/${'f'.repeat(64)}`);
    const context = openAppContext({ dataDir: target, resourcesDir });
    try {
      const cleaned = valueNow<DataCheckView>(context.dispatch('removeUnusedFiles', {}));
      expect(cleaned.unusedFiles).toEqual([]);
      expect(cleaned.problems).toHaveLength(1);
    } finally {
      context.close();
    }
  });
});

describe('automatic backups', () => {
  it('keep the newest of the last 7 days and of the last 4 weeks', () => {
    const days = Array.from({ length: 60 }, (_, i) => {
      const d = new Date(Date.UTC(2026, 10, 23 - i));
      return { name: `auto-${d.toISOString().slice(0, 10)}.zip`, date: d.toISOString().slice(0, 10) };
    });
    const keep = [...backupsToKeep(days, '2026-11-23')].sort();
    expect(keep).toEqual(
      [
        // This week and the three before it (Monday to Sunday), the newest of each; then the last 7 days.
        'auto-2026-11-08.zip',
        'auto-2026-11-15.zip',
        'auto-2026-11-17.zip',
        'auto-2026-11-18.zip',
        'auto-2026-11-19.zip',
        'auto-2026-11-20.zip',
        'auto-2026-11-21.zip',
        'auto-2026-11-22.zip',
        'auto-2026-11-23.zip',
      ].sort(),
    );
  });

  it('are made once a day into backups/, and Settings says when', async () => {
    const target = join(dir, 'auto');
    const context = openAppContext({ dataDir: target, resourcesDir, today: () => '2026-11-23' });
    try {
      valueNow(context.dispatch('createPerson', { name: 'Dana Rivera' }));
      expect(await context.service.automaticBackup()).toMatch(/auto-2026-11-23\.zip$/);
      expect(await context.service.automaticBackup()).toBeNull();
      const view = valueNow<{ lastText: string; backups: { name: string }[] }>(context.dispatch('getBackups', {}));
      expect(view.lastText).toMatch(/^Last backup: \d+ \w+ \d{4}, \d\d:\d\d \(automatic\)\.$/);
      expect(view.backups.map((b) => b.name)).toEqual(['auto-2026-11-23.zip']);
    } finally {
      context.close();
    }
  });
});

describe('kill -9 during an import', () => {
  it('leaves either nothing or everything imported; stray certificate files are found by the check and removed', async () => {
    const { spawn } = await import('node:child_process');
    const folder = join(dir, 'import-source');
    const exported = recert('export', '--db', source, '--out', join(folder, 'records.json'));
    expect(exported.status, exported.stderr).toBe(0);
    for (const ms of [60, 150, 300]) {
      const target = join(dir, `import-killed-${ms}`);
      await new Promise<void>((resolve) => {
        const child = spawn(
          process.execPath,
          [join(projectRoot, 'bin/recert.js'), 'import', join(folder, 'records.json'), '--db', target],
          { stdio: 'ignore' },
        );
        const timer = setTimeout(() => child.kill('SIGKILL'), ms);
        child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      const context = openAppContext({ dataDir: target, resourcesDir, logError: () => undefined });
      try {
        const people = context.store.people.list(true).length;
        const attachments = context.store.attachments.listAll().length;
        // All or nothing: the rows come in one transaction.
        expect([0, 1], `${ms} ms`).toContain(people);
        expect(attachments).toBe(people === 0 ? 0 : 91);
        const check = valueNow<DataCheckView>(context.dispatch('checkMyData', {}));
        expect(check.problems.filter((p) => !p.includes('temporary files'))).toEqual([]);
        const cleaned = valueNow<DataCheckView>(context.dispatch('removeUnusedFiles', {}));
        expect(cleaned.unusedFiles).toEqual([]);
      } finally {
        context.close();
      }
      // Temporary files of the killed write are swept once stale (at the next start after an hour).
      sweepLeftovers(target, Date.now() + 2 * 60 * 60 * 1000);
      const { leftovers } = await import('../../../main/core/backup/check');
      expect(leftovers(target)).toEqual([]);
    }
  }, 120_000);
});
