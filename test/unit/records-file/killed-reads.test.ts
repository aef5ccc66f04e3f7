// What a killed bundle read or import leaves is kept inside the data folder and removed at a later
// start: kill -9 of a real `recert import X.recert --update` while it extracts the bundle leaves no
// recert-bundle-* in the system's temporary folder (once: 20 killed imports left 3.7 GB there); and
// certificate files no record uses (what a killed import copied) are removed by the next start once
// an hour old, never younger, never one a record uses.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdFolder } from '../../../main/core/folder-lock';
import { openAppContext } from '../../../main/app-context';
import { projectRoot, resourcesDir, tempDir } from '../../helpers/context';
import { valueNow } from '../../helpers/results';
import { seed, tinyPdf } from '../../helpers/seed';

let dir: string;
/** The children's own system temporary folder (TMPDIR), so that other tests' files do not count. */
let systemTemp: string;
let bundle: string;

function recert(args: string[]) {
  return spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: systemTemp },
  });
}

beforeAll(() => {
  dir = tempDir('recert-killed-reads-');
  systemTemp = join(dir, 'system-tmp');
  mkdirSync(systemTemp);
  // A bundle with enough certificates (36 MB) that extracting it takes a moment.
  const source = join(dir, 'source');
  const context = openAppContext({ dataDir: source, resourcesDir });
  const s = seed(context);
  // A course holds at most 50 certificates: three courses of 40.
  const courses = [s.courseId];
  for (const title of ['Kettlebell Basics', 'Mobility Lab'])
    courses.push(
      valueNow<{ id: string }>(
        context.dispatch('createCourse', {
          personId: s.personId,
          title,
          provider: 'Iron Guild',
          approval: 'approved-provider',
          completed: '2026-03-01',
          ceus: 0.4,
          credentialIds: [s.credentialId],
        }),
      ).id,
    );
  for (let i = 0; i < 120; i++)
    valueNow(
      context.dispatch('addAttachment', {
        owner: { kind: 'course', id: courses[i % 3] ?? s.courseId },
        fileName: `scan-${i}.pdf`,
        contentBase64: Buffer.concat([tinyPdf, Buffer.from(`%${i}`), Buffer.alloc(300_000, i)]).toString('base64'),
      }),
    );
  context.close();
  bundle = join(dir, 'team.recert');
  const exported = recert(['export', '--db', source, '--out', bundle]);
  expect(exported.status, exported.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bundleFolders = (folder: string) => (existsSync(folder) ? readdirSync(folder).filter((n) => n.startsWith('recert-bundle-')) : []);

/** Starts the import and kills it (SIGKILL) once the bundle is part-way extracted into the data folder's area. */
function killWhileExtracting(target: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin/recert.js'), 'import', bundle, '--update', '--db', target], {
      stdio: 'ignore',
      env: { ...process.env, TMPDIR: systemTemp },
    });
    let killed = false;
    const area = join(target, 'tmp');
    const poll = setInterval(() => {
      if (killed) return;
      const [folder] = bundleFolders(area);
      if (folder && existsSync(join(area, folder, 'certs'))) killed = child.kill('SIGKILL');
    }, 2);
    child.on('exit', () => {
      clearInterval(poll);
      resolve(killed);
    });
  });
}

describe('kill -9 while an update-import reads a bundle', () => {
  it('leaves nothing in the system temporary folder; what it left in the data folder goes at the next start', async () => {
    let landed = 0;
    for (const attempt of [1, 2, 3]) {
      const target = join(dir, `killed-${attempt}`);
      const killed = await killWhileExtracting(target);
      expect(bundleFolders(systemTemp)).toEqual([]);
      if (!killed) continue;
      landed += 1;
      expect(bundleFolders(join(target, 'tmp'))).toHaveLength(1);
      // While another process has the folder open, a start leaves it (it may be that process's read
      // under way), and check says so ...
      // (A bare hold: opening the app here would itself start alone, and sweep.)
      const holder = holdFolder(target);
      try {
        const check = recert(['check', '--db', target]);
        expect(check.stdout).toMatch(/temporary files? of an interrupted write remain/);
        expect(bundleFolders(join(target, 'tmp'))).toHaveLength(1);
      } finally {
        holder.release();
      }
      // ... alone, a start knows nobody is writing there and removes it; then the import goes through.
      const alone = recert(['check', '--db', target]);
      expect(alone.stdout).toMatch(/Removed 1 leftover of an interrupted write/);
      expect(bundleFolders(join(target, 'tmp'))).toEqual([]);
      const again = recert(['import', bundle, '--update', '--db', target]);
      expect(again.status, again.stderr).toBe(0);
      expect(bundleFolders(join(target, 'tmp'))).toEqual([]);
      expect(bundleFolders(systemTemp)).toEqual([]);
    }
    // The poll can miss the window on a busy machine, but not three times out of three.
    expect(landed).toBeGreaterThan(0);
  }, 120_000);
});

describe('certificate files no record uses', () => {
  it('are removed by the next start once an hour old; a younger one and one a record uses stay', () => {
    const target = join(dir, 'orphans');
    const context = openAppContext({ dataDir: target, resourcesDir });
    seed(context);
    const used = context.store.attachments.listAll().map((a) => context.files.pathOf(a.sha256));
    context.close();
    const orphan = (name: string) => {
      const sha256 = name.repeat(64).slice(0, 64);
      const path = join(target, 'attachments', sha256.slice(0, 2), sha256);
      mkdirSync(join(target, 'attachments', sha256.slice(0, 2)), { recursive: true });
      writeFileSync(path, `copied by a killed import: ${name}`);
      return path;
    };
    const old = orphan('a');
    const young = orphan('b');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const path of [old, ...used]) utimesSync(path, twoHoursAgo, twoHoursAgo);
    // A real start: any recert command that opens the data folder.
    const check = recert(['check', '--db', target]);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(young)).toBe(true);
    for (const path of used) expect(existsSync(path)).toBe(true);
    // The young one is only listed, as a file no record uses.
    expect(check.stdout).toContain('b'.repeat(12));
    expect(check.stdout).not.toContain('a'.repeat(12));
  });
});

describe("an interrupted backup's work folder (.NAME.XXXXXX in backups/)", () => {
  it('is named by check while young and the folder is open elsewhere, removed once an hour old or by a start alone', () => {
    const target = join(dir, 'work-folder');
    const context = openAppContext({ dataDir: target, resourcesDir });
    seed(context);
    const work = join(target, 'backups', '.auto-2026-12-01.zip.Ab12Cd');
    const made = () => {
      mkdirSync(work, { recursive: true });
      writeFileSync(join(work, 'recert.sqlite3'), 'a full copy of the database');
    };
    made();
    try {
      // `context` holds the folder: the command is not alone in it.
      const young = recert(['check', '--db', target]);
      expect(young.status).toBe(1);
      expect(young.stdout).toMatch(/temporary files? of an interrupted write remain/);
      expect(existsSync(work)).toBe(true);
      const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
      utimesSync(work, twoHoursAgo, twoHoursAgo);
      const old = recert(['check', '--db', target]);
      expect(existsSync(work)).toBe(false);
      expect(old.status, old.stdout).toBe(0);
    } finally {
      context.close();
    }
    made();
    const alone = recert(['check', '--db', target]);
    expect(existsSync(work)).toBe(false);
    expect(alone.status, alone.stdout).toBe(0);
  });
});
