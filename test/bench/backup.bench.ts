// Backup and restore of a store with 91 MB of certificates, against `tar -cf` of the same data folder
// (and `tar -xf` of that archive) measured in the same run. Whole commands, as a person runs them.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { openAppContext } from '../../main/app-context';
import { restoreBackup } from '../../main/core/backup/restore';
import { copyToSecondPlace } from '../../main/core/backup/second-place';
import { writeBackup } from '../../main/core/backup/write';
import { projectRoot, resourcesDir } from '../helpers/context';
import { gymRecords } from './gym';
import { median, report } from './report';

function run(command: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`${command} ${args[0]} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}
const recert = (...args: string[]) => run(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args]);

type Timed = [prepare: () => void, fn: () => number | Promise<number>];

/**
 * Medians of `runs` rounds that time the baseline and Recert in turn, each after its `prepare`
 * (untimed: clearing the target, then `sync`, so that neither pays for the other's writes still
 * going to disk — timed in separate series, the two saw very different disks and tar -xf alone
 * ranged from 99 to 357 ms).
 */
async function alternating(runs: number, baseline: Timed, recert: Timed): Promise<[number, number]> {
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [which, [prepare, fn]] of [baseline, recert].entries()) {
      prepare();
      spawnSync('sync');
      times[which]?.push(await fn());
    }
  }
  return [median(times[0]), median(times[1])];
}

/**
 * Recert's time, the baseline's (timed in turn with it) and their ratio, against `goal` when there is
 * one. `baseline` is the command compared with; `detail` says more of it on its own line.
 */
function compare(what: string, ms: number, baseline: string, detail: string, baselineMs: number, goal?: number): void {
  report(what, ms, 'ms', 'reference', true);
  report(`  baseline: ${baseline}${detail}, timed in turn`, baselineMs, 'ms', 'reference', true);
  const ratio = ms / baselineMs;
  const short = what.slice(0, what.indexOf(' ('));
  report(`  ${short} vs ${baseline}`, ratio, 'x', goal ? `≤ ${goal}×` : 'reference', goal ? ratio <= goal : true);
}

/** Milliseconds `fn` takes. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

it('recert backup / restore of 91 MB of certificates vs tar -cf / tar -xf of the data folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'recert-backup-bench-'));
  try {
    // 200 trainers × 10 courses, and 182 certificate PDFs of 0.5 MB (91 MB), random so they do not compress.
    const records = gymRecords({ people: 200, coursesPerPerson: 10 });
    mkdirSync(join(dir, 'certs'));
    let n = 0;
    for (const person of records.people.slice(0, 91)) {
      for (const course of person.activities.slice(0, 2)) {
        const file = `certs/c${n}.pdf`;
        writeFileSync(join(dir, file), Buffer.concat([Buffer.from('%PDF-1.4\n%'), randomBytes(512 * 1024 - 10)]));
        Object.assign(course, { attachments: [{ file }] });
        n += 1;
      }
    }
    writeFileSync(join(dir, 'records.json'), JSON.stringify(records));
    const data = join(dir, 'data');
    recert('import', join(dir, 'records.json'), '--db', data);

    const archive = join(dir, 'data.tar');
    const backup = join(dir, 'backup.zip');
    const restoredByTar = join(dir, 'tar-restored');
    const restored = join(dir, 'restored');
    const clear = (path: string) => () => rmSync(path, { recursive: true, force: true });
    const tarCreate: Timed = [clear(archive), () => run('tar', ['-cf', archive, '-C', data, '.'])];
    const tarExtract: Timed = [
      () => {
        clear(restoredByTar)();
        mkdirSync(restoredByTar);
      },
      () => run('tar', ['-xf', archive, '-C', restoredByTar]),
    ];
    const [tarCreate1, backupCommand] = await alternating(5, tarCreate, [
      clear(backup),
      () => recert('backup', '--db', data, '--out', backup),
    ]);
    // The same work inside the app (no process start): what "Back up now", the daily backup and
    // Settings → "Restore a backup…" cost. Node's own start (60–70 ms here) is in the commands only.
    const context = openAppContext({ dataDir: data, resourcesDir });
    const [tarCreate2, backupInApp] = await alternating(5, tarCreate, [
      clear(backup),
      () => timed(() => writeBackup({ db: context.store.db, attachmentsDir: join(data, 'attachments'), out: backup })),
    ]);
    context.close();
    const [tarExtract1, restoreCommand] = await alternating(5, tarExtract, [
      clear(restored),
      () => recert('restore', backup, '--db', restored),
    ]);
    const [tarExtract2, restoreInApp] = await alternating(5, tarExtract, [
      clear(restored),
      () => timed(() => restoreBackup({ file: backup, dataDir: restored, replace: false, keepReplaced: () => Promise.resolve(null) })),
    ]);

    console.log(
      `BENCH backup: ${n} certificates of 0.5 MB (91 MB), 200 trainers, 2,000 courses (median of 5, each timed in turn with tar)`,
    );
    compare(
      'backup in the app (writeBackup: hashes, archive, fsync, rename)',
      backupInApp,
      'tar -cf',
      ' of the data folder (no fsync)',
      tarCreate2,
      1.5,
    );
    compare('recert backup (whole command, with Node start)', backupCommand, 'tar -cf', '', tarCreate1);
    compare(
      'restore in the app (restoreBackup: checks every SHA-256 and the database, then swaps)',
      restoreInApp,
      'tar -xf',
      ' of that archive',
      tarExtract2,
      1.5,
    );
    compare('recert restore (whole command, with Node start)', restoreCommand, 'tar -xf', '', tarExtract1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);

it('the encrypted copy to the second place vs age -p then cp of the same backup', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'recert-second-place-bench-'));
  try {
    // A backup of 60 MB: 120 certificates of 0.5 MB, random so they do not compress.
    const records = gymRecords({ people: 60, coursesPerPerson: 10 });
    mkdirSync(join(dir, 'certs'));
    let n = 0;
    for (const person of records.people) {
      for (const course of person.activities.slice(0, 2)) {
        const file = `certs/c${n}.pdf`;
        writeFileSync(join(dir, file), Buffer.concat([Buffer.from('%PDF-1.4\n%'), randomBytes(512 * 1024 - 10)]));
        Object.assign(course, { attachments: [{ file }] });
        n += 1;
      }
    }
    writeFileSync(join(dir, 'records.json'), JSON.stringify(records));
    const data = join(dir, 'data');
    recert('import', join(dir, 'records.json'), '--db', data);
    const backup = join(dir, 'manual-bench.zip');
    recert('backup', '--db', data, '--out', backup);

    const passphrase = 'a bench passphrase of some length';
    const usb = join(dir, 'usb');
    const byAge = join(dir, 'by-age');
    const clear = (path: string) => () => {
      rmSync(path, { recursive: true, force: true });
      mkdirSync(path);
    };
    // What a careful person would do by hand: encrypt with age (scrypt, as Recert), then copy.
    const ageThenCp: Timed = [
      clear(byAge),
      () =>
        run('python3', [join(projectRoot, 'test/helpers/age-tty.py'), passphrase, '-p', '-o', join(dir, 'by-age.age'), backup]) +
        run('cp', [join(dir, 'by-age.age'), join(byAge, 'manual-bench.zip.age')]),
    ];
    const [baseline, copy] = await alternating(5, ageThenCp, [
      clear(usb),
      () => timed(() => copyToSecondPlace({ backup, folder: usb, passphrase, today: '2026-12-03' })),
    ]);
    console.log(`BENCH second place: a ${n}-certificate backup (60 MB), median of 5, each timed in turn with age -p + cp`);
    compare(
      'encrypted copy to the second place (age format, fsync, rename, read back and SHA-256 checked)',
      copy,
      'age -p + cp',
      ' (no fsync, no read-back)',
      baseline,
      1.5,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);
