// A restore killed (kill -9, a real `recert restore` child process) at every step of its swap: the
// next start finishes it or rolls it back, never sweeps either copy of the data, and says which.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppContext } from '../../../main/app-context';
import { sweepLeftovers } from '../../../main/core/backup/check';
import { projectRoot, resourcesDir, tempDir } from '../../helpers/context';
import { valueNow } from '../../helpers/results';
import { seed, snapshot, tinyPdf } from '../../helpers/seed';

let dir: string;
let older: string;
let backup: string;

function recert(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

/** A folder of data: one person and `certificates` certificate files. */
function dataFolder(folder: string, name: string, certificates: number): void {
  const context = openAppContext({ dataDir: folder, resourcesDir });
  const s = seed(context);
  valueNow(context.dispatch('updatePerson', { id: s.personId, name, active: true }));
  for (let i = 0; i < certificates; i++)
    valueNow(
      context.dispatch('addAttachment', {
        owner: { kind: 'course', id: s.courseId },
        fileName: `${name}-${i}.pdf`,
        contentBase64: Buffer.concat([tinyPdf, Buffer.from(`%${name}-${i}`)]).toString('base64'),
      }),
    );
  context.close();
}

function rows(dataDir: string): string {
  const context = openAppContext({ dataDir, resourcesDir });
  try {
    return snapshot(context);
  } finally {
    context.close();
  }
}

function certificates(folder: string): Record<string, string> {
  const root = join(folder, 'attachments');
  const out: Record<string, string> = {};
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) visit(full);
      else out[relative(root, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  visit(root);
  return out;
}

let olderRows: string;
let newerRows: string;
let olderFiles: Record<string, string>;
let newerFiles: Record<string, string>;

beforeAll(() => {
  dir = tempDir('recert-restore-journal-');
  older = join(dir, 'older');
  dataFolder(older, 'Olive Older', 4);
  const newer = join(dir, 'newer');
  dataFolder(newer, 'Nina Newer', 6);
  backup = join(dir, 'newer.zip');
  const made = recert(['backup', '--db', newer, '--out', backup]);
  expect(made.status, made.stderr).toBe(0);
  olderRows = rows(older);
  newerRows = rows(newer);
  olderFiles = certificates(older);
  newerFiles = certificates(newer);
  expect(olderRows).not.toBe(newerRows);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The folder holds a database and certificates; the backup brings both: two renames aside, two in.
const rolledBack = ['restore-journal-written', 'restore-rename-1', 'restore-rename-2', 'restore-rename-3', 'restore-rename-4'];
const finished = ['restore-swapped', 'restore-aside-removed'];

describe('a restore killed during its swap', () => {
  for (const point of [...rolledBack, ...finished]) {
    it(`at ${point} is ${rolledBack.includes(point) ? 'rolled back' : 'finished'} at the next start, and the person is told`, () => {
      const target = join(dir, point);
      cpSync(older, target, { recursive: true });
      const killed = recert(['restore', backup, '--db', target, '--replace'], { RECERT_CRASH_AT: point });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      expect(existsSync(join(target, 'restore-journal.json'))).toBe(true);

      // Even an hour later, the sweep at start leaves alone what the journal still needs.
      sweepLeftovers(target, Date.now() + 2 * 60 * 60 * 1000);
      const check = recert(['check', '--db', target]);
      if (rolledBack.includes(point)) {
        expect(check.stderr).toContain(
          'The restore of newer.zip was interrupted before it was complete; it has been undone, and your data is as it was before it.',
        );
        expect(rows(target)).toBe(olderRows);
        expect(certificates(target)).toEqual(olderFiles);
      } else {
        expect(check.stderr).toMatch(
          /The restore of newer\.zip was interrupted after the backup's data was in place; it has been finished, and Recert now holds the backup's data\. The data it replaced is kept in .*before-restore-.*\.zip\./,
        );
        expect(rows(target)).toBe(newerRows);
        expect(certificates(target)).toEqual(newerFiles);
      }
      expect(check.status, check.stdout).toBe(0);
      expect(existsSync(join(target, 'restore-journal.json'))).toBe(false);
      expect(readdirSync(join(target, 'tmp'))).toEqual([]);
      // Told once: the next start has nothing to say.
      expect(recert(['check', '--db', target]).stderr).toBe('');
    }, 60_000);
  }

  it('in the app: the notice is in Settings → Backups', () => {
    const target = join(dir, 'in-the-app');
    cpSync(older, target, { recursive: true });
    expect(recert(['restore', backup, '--db', target, '--replace'], { RECERT_CRASH_AT: 'restore-rename-2' }).signal).toBe('SIGKILL');
    const context = openAppContext({ dataDir: target, resourcesDir });
    try {
      const view = valueNow<{ notice: string | null }>(context.dispatch('getBackups', {}));
      expect(view.notice).toMatch(/^The restore of newer\.zip was interrupted before it was complete; it has been undone/);
      expect(snapshot(context)).toBe(olderRows);
    } finally {
      context.close();
    }
  });

  it('killed from outside at moments spread over its run: the next start holds the old data or the new, whole', async () => {
    const run = (target: string, killAfterMs: number | null) =>
      new Promise<{ killed: boolean; ms: number }>((resolve) => {
        const started = Date.now();
        const child = spawn(process.execPath, [join(projectRoot, 'bin/recert.js'), 'restore', backup, '--db', target, '--replace'], {
          stdio: 'ignore',
        });
        const timer = killAfterMs === null ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        child.on('exit', (_code, signal) => {
          clearTimeout(timer);
          resolve({ killed: signal === 'SIGKILL', ms: Date.now() - started });
        });
      });
    const timed = join(dir, 'timed');
    cpSync(older, timed, { recursive: true });
    const { ms } = await run(timed, null);
    expect(rows(timed)).toBe(newerRows);
    const outcomes: string[] = [];
    for (const [k, fraction] of [0.5, 0.7, 0.8, 0.9, 0.95, 1].entries()) {
      const target = join(dir, `outside-${k}`);
      cpSync(older, target, { recursive: true });
      const { killed } = await run(target, Math.round(ms * fraction));
      // The next start finishes or undoes the swap; a killed run's young temporary files are only named.
      const check = recert(['check', '--db', target]);
      if (check.status !== 0)
        expect(check.stdout, `${k}: ${check.stderr}`).toMatch(/^Problem: \d+ temporary files? of an interrupted write remain/m);
      sweepLeftovers(target, Date.now() + 2 * 60 * 60 * 1000);
      const now = rows(target);
      const files = certificates(target);
      if (now === olderRows) expect(files, `${k}`).toEqual(olderFiles);
      else {
        expect(now, `${k}: neither the old data nor the new`).toBe(newerRows);
        expect(files, `${k}`).toEqual(newerFiles);
      }
      expect(existsSync(join(target, 'restore-journal.json'))).toBe(false);
      outcomes.push(`${killed ? 'killed' : 'done'}:${now === olderRows ? 'old' : 'new'}`);
    }
    console.log(outcomes.join(' '));
    // Some kills land before the swap and some runs finish: both outcomes are seen, each whole.
    expect(
      outcomes.some((o) => o.endsWith('old')),
      outcomes.join(' '),
    ).toBe(true);
  }, 90_000);
});
