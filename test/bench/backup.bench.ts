// Backup and restore of a store with 91 MB of certificates, against `tar -cf` of the same data folder
// (and `tar -xf` of that archive) measured in the same run. Whole commands, as a person runs them.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { openAppContext } from '../../main/app-context';
import { writeBackup } from '../../main/core/backup/write';
import { projectRoot, resourcesDir } from '../helpers/context';
import { gymRecords } from './gym';
import { report } from './report';

function run(command: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`${command} ${args[0]} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}
const recert = (...args: string[]) => run(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args]);

/** Median of `runs` timings; `prepare` runs untimed before each (clearing the target). */
function median(runs: number, prepare: () => void, fn: () => number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    prepare();
    times.push(fn());
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

it('recert backup / restore of 91 MB of certificates vs tar -cf / tar -xf of the data folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'recert-backup-bench-'));
  try {
    // 200 trainers × 10 courses, and 182 certificate PDFs of 0.5 MB (91 MB), random so they do not compress.
    const records = gymRecords({ people: 200, activitiesPerPerson: 10 });
    mkdirSync(join(dir, 'certs'));
    let n = 0;
    for (const person of records.people.slice(0, 91)) {
      for (const activity of person.activities.slice(0, 2)) {
        const file = `certs/c${n}.pdf`;
        writeFileSync(join(dir, file), Buffer.concat([Buffer.from('%PDF-1.4\n%'), randomBytes(512 * 1024 - 10)]));
        Object.assign(activity, { attachments: [{ file }] });
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
    const tarCreate = median(5, clear(archive), () => run('tar', ['-cf', archive, '-C', data, '.']));
    const backupTime = median(5, clear(backup), () => recert('backup', '--db', data, '--out', backup));
    // The same work inside the app (no process start): what "Back up now" and the daily backup cost.
    const context = openAppContext({ dataDir: data, resourcesDir });
    const inApp: number[] = [];
    for (let i = 0; i < 5; i++) {
      clear(backup)();
      const start = process.hrtime.bigint();
      await writeBackup({ db: context.store.db, attachmentsDir: join(data, 'attachments'), out: backup });
      inApp.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    context.close();
    inApp.sort((a, b) => a - b);
    const backupInApp = inApp[2] ?? 0;
    const tarExtract = median(
      5,
      () => {
        clear(restoredByTar)();
        mkdirSync(restoredByTar);
      },
      () => run('tar', ['-xf', archive, '-C', restoredByTar]),
    );
    const restoreTime = median(5, clear(restored), () => recert('restore', backup, '--db', restored));

    console.log(`BENCH backup: ${n} certificates of 0.5 MB (91 MB), 200 trainers, 2,000 courses (whole commands, median of 5)`);
    report('backup inside the app (writeBackup: hashes, archive, fsync, rename)', backupInApp, 'ms', 'reference', true);
    report('recert backup (whole command, with Node start)', backupTime, 'ms', 'reference', true);
    report('  baseline: tar -cf of the data folder (no fsync)', tarCreate, 'ms', 'reference', true);
    report('  backup in the app vs tar -cf', backupInApp / tarCreate, 'x', '≤ 1.5×', backupInApp / tarCreate <= 1.5);
    report('  recert backup vs tar -cf', backupTime / tarCreate, 'x', 'reference', true);
    report('recert restore (checks every SHA-256 and the database first)', restoreTime, 'ms', 'reference', true);
    report('  baseline: tar -xf of that archive', tarExtract, 'ms', 'reference', true);
    report('  restore vs tar -xf', restoreTime / tarExtract, 'x', '≤ 1.5×', restoreTime / tarExtract <= 1.5);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);
