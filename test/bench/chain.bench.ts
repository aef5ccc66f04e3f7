// A gym chain in one data folder: 10,000 trainers, 1,000,000 courses (about 15,000 credentials in
// Recert's own data, 20,000 in the other shape). Whole commands, as a manager runs them, against
// baselines measured in the same run. Takes several minutes per data set, so it runs only when asked:
//   RECERT_BENCH_CHAIN=1 npm run bench -- test/bench/chain.bench.ts
// (RECERT_BENCH_CHAIN_RUNS sets the rounds, 3 by default; RECERT_BENCH_CHAIN_SETS=gym or foreign one set;
// RECERT_BENCH_CHAIN_PEOPLE a smaller chain to try a change on, 10,000 trainers by default).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { openAppContext } from '../../main/app-context';
import { projectRoot, resourcesDir } from '../helpers/context';
import { dataSets } from './datasets';
import { median, report, reportRatio } from './report';
import { appSchema, writeBaselineRows } from './sqlite-baseline';

const enabled = process.env.RECERT_BENCH_CHAIN === '1';
const runs = Number(process.env.RECERT_BENCH_CHAIN_RUNS ?? 3);
const only = process.env.RECERT_BENCH_CHAIN_SETS;
const trainers = Number(process.env.RECERT_BENCH_CHAIN_PEOPLE ?? 10_000);

/** A whole command's wall time (ms) and peak memory (max RSS, bytes), measured by GNU time. */
function measured(command: string, args: string[]): { ms: number; peak: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.slice(0, 2).join(' ')} failed: ${result.stderr.slice(-2000)}`);
  return { ms, peak: Number(/MAXRSS (\d+)/.exec(result.stderr)?.[1] ?? 0) * 1024 };
}
const recert = (...args: string[]) => measured(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args]);

/** A database's size on disk, with its write-ahead log. */
function databaseBytes(file: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(`${file}${suffix}`).size;
    } catch {
      // No log: everything is in the main file.
    }
  }
  return bytes;
}
const MiB = 1024 * 1024;

for (const set of dataSets.filter((s) => !only || s.name.startsWith(only)))
  it.runIf(enabled)(
    `a chain of ${trainers.toLocaleString('en')} trainers × 100 courses in one data folder, ${set.name}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'recert-chain-bench-'));
      try {
        const records = set.records({ people: trainers, coursesPerPerson: 100 });
        const file = join(dir, 'chain.json');
        writeFileSync(file, JSON.stringify(records));
        const fileBytes = statSync(file).size;
        const schemaContext = openAppContext({ dataDir: join(dir, 'schema'), resourcesDir });
        const schema = appSchema(schemaContext.store.db);
        schemaContext.close();
        const rows = writeBaselineRows(records, dir);
        writeFileSync(join(dir, 'baseline.sql'), rows.intoSchema(schema));
        writeFileSync(join(dir, 'plain.sql'), rows.plain);

        // The same rows in plain tables: what SQLite itself needs to hold them.
        const plainDb = join(dir, 'plain.db');
        const plain = spawnSync('sqlite3', [plainDb, `.read ${join(dir, 'plain.sql')}`], { encoding: 'utf8' });
        if (plain.status !== 0) throw new Error(`sqlite3 plain tables failed: ${plain.stderr}`);

        // Timed in turn, each after `sync` (untimed), so that the machine's slow and fast moments fall on
        // all alike and none pays for another's writes still going to disk.
        const shell: number[] = [];
        const imports: number[] = [];
        const peaks: number[] = [];
        const evaluations: number[] = [];
        const teams: number[] = [];
        let databaseSize = 0;
        for (let i = 0; i < runs; i++) {
          const baselineDb = join(dir, `baseline${i}.db`);
          spawnSync('sync');
          shell.push(measured('sqlite3', [baselineDb, `.read ${join(dir, 'baseline.sql')}`]).ms);
          rmSync(baselineDb, { force: true });
          for (const suffix of ['-wal', '-shm']) rmSync(`${baselineDb}${suffix}`, { force: true });

          const data = join(dir, `data${i}`);
          spawnSync('sync');
          const imported = recert('import', file, '--db', data);
          imports.push(imported.ms);
          peaks.push(imported.peak);
          databaseSize = databaseBytes(join(data, 'recert.sqlite3'));

          spawnSync('sync');
          evaluations.push(recert('evaluate', file, '--as-of', '2026-11-21', '--json').ms);
          teams.push(recert('team', '--db', data, '--as-of', '2026-11-21', '--json').ms);
          if (i < runs - 1) rmSync(data, { recursive: true, force: true });
        }
        const { counts } = rows;
        console.log(
          `BENCH chain, ${set.name}: ${counts.people} trainers, ${counts.credentials} credentials, ${counts.activities} courses, ` +
            `${counts.activity_credentials} links, ${counts.cpr_aed_cards} cards; records file ${(fileBytes / 1e6).toFixed(1)} MB; ${runs} rounds`,
        );
        report('recert import of the chain (whole command)', median(imports), 'ms', 'reference', true);
        report('  baseline: sqlite3 .import of the same rows from CSV', median(shell), 'ms', 'reference', true);
        reportRatio('  import vs sqlite3 .import', imports, shell, 1);
        const peakRatio = Math.max(...peaks) / fileBytes;
        report(
          `  peak memory of the import (max RSS, highest of ${runs}; ${(Math.min(...peaks) / MiB).toFixed(0)}–${(Math.max(...peaks) / MiB).toFixed(0)} MiB)`,
          Math.max(...peaks) / MiB,
          'MiB',
          'reference',
          true,
        );
        report('  peak memory vs the records file', peakRatio, 'x', '≤ 2.5×', peakRatio <= 2.5);
        report('recert team --json of the chain', median(teams), 'ms', 'reference', true);
        report('  baseline: recert evaluate --json of the same records file', median(evaluations), 'ms', 'reference', true);
        reportRatio('  team vs evaluate', teams, evaluations, 1.2);
        const plainSize = databaseBytes(plainDb);
        report('database file (with its log)', databaseSize / MiB, 'MiB', 'reference', true);
        report('  baseline: the same rows in plain sqlite3 tables', plainSize / MiB, 'MiB', 'reference', true);
        report('  database vs plain tables', databaseSize / plainSize, 'x', '≤ 1.5×', databaseSize / plainSize <= 1.5);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    3_600_000,
  );
