import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { openAppContext } from '../../main/app-context';
import { courseFacts, cardFacts, credentialFacts, effectiveRuleSets, evaluateEveryone } from '../../main/core/evaluation';
import type { CourseFacts } from '../../main/core/domain/verdict';
import { pushTo } from '../../main/core/group-by';
import { evaluateCredential } from '../../main/core/rules/engine';
import { importRecords } from '../../main/core/records-file/import';
import { readRecordsFile } from '../../main/core/records-file/parse';
import { projectRoot, resourcesDir, tempDir } from '../helpers/context';
import { dataSets } from './datasets';
import { median, medianMs, report, reportRatio, timeMs } from './report';
import { appSchema, writeBaselineRows } from './sqlite-baseline';

function withTemp<T>(fn: (dir: string) => T): T {
  const dir = tempDir('recert-bench-');
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const data of dataSets)
  it(`evaluation of 1,000 people × 50 activities × 1–3 credentials from the store, ${data.name}`, () => {
    withTemp((dir) => {
      writeFileSync(join(dir, 'gym.json'), JSON.stringify(data.records({ people: 1000, coursesPerPerson: 50 })));
      const context = openAppContext({ dataDir: join(dir, 'data'), resourcesDir });
      importRecords(readRecordsFile(join(dir, 'gym.json'), new Set(context.ruleSets.map((r) => r.id))), context.store, context.files);
      const rules = effectiveRuleSets(context.ruleSets, context.store);

      // Baseline: reading the same rows with plain SELECTs and no mapping at all.
      const rawRead = medianMs(7, () => {
        for (const table of ['people', 'credentials', 'activities', 'activity_credentials', 'cpr_aed_cards', 'attachments'])
          context.store.db.prepare(`SELECT * FROM ${table}`).all();
      });
      const total = medianMs(7, () => evaluateEveryone(context.store, rules, '2026-11-21'));

      // The engine alone, on facts prepared beforehand by the app's own fact builders (so the engine
      // sees the objects it sees in the app, not look-alikes of another shape).
      const prepared = evaluateEveryone(context.store, rules, '2026-11-21');
      const courses = context.store.courses.listAll();
      const noCertificates = new Map<string, number>();
      const byCredential = new Map<string, CourseFacts[]>();
      for (const a of courses) {
        const facts = courseFacts(a, noCertificates);
        for (const c of a.credentialIds) pushTo(byCredential, c, facts);
      }
      const facts = prepared.flatMap(({ credential }) => {
        const ruleSet = rules.get(credential.ruleSet);
        if (!ruleSet) return [];
        const cards = context.store.cprAedCards.listByPerson(credential.personId).map((k) => cardFacts(k, new Set()));
        const input = {
          asOf: '2026-11-21',
          credential: credentialFacts(credential),
          courses: byCredential.get(credential.id) ?? [],
          cards,
          unlistedPetitions: 0,
        };
        return [{ ruleSet, input }];
      });
      const engineOnly = medianMs(7, () => {
        for (const f of facts) evaluateCredential(f.ruleSet, f.input);
      });
      console.log(`BENCH ${data.name}: ${prepared.length} credentials, ${courses.length} activities`);
      report('evaluation only (engine)', engineOnly, 'ms', '≤ 20 ms', engineOnly <= 20);
      report('evaluation including the queries', total, 'ms', '≤ 200 ms', total <= 200);
      report('  baseline: raw SELECT of the same rows', rawRead, 'ms', 'reference', true);
      report('  queries + engine vs raw SELECT', total / rawRead, 'x', 'reference', true);
      context.close();
    });
  });

for (const data of dataSets)
  it(`import of a 100,000-course records file vs the sqlite3 shell importing the same rows from CSV, ${data.name}`, () => {
    withTemp((dir) => {
      const records = data.records({ people: 1000, coursesPerPerson: 100 });
      writeFileSync(join(dir, 'gym.json'), JSON.stringify(records));

      // The baseline: Debian's sqlite3 shell `.import`s the same rows (people, credentials, courses,
      // their credential links and cards) from CSV into tables of the same shape: Recert's own schema,
      // with its constraints, indexes, trigger and foreign keys, and the same pragmas.
      const schemaContext = openAppContext({ dataDir: join(dir, 'schema'), resourcesDir });
      const schema = appSchema(schemaContext.store.db);
      schemaContext.close();
      const rows = writeBaselineRows(records, dir);
      writeFileSync(join(dir, 'baseline.sql'), rows.intoSchema(schema));
      // The baseline and the import timed in turn, five times each, so that the machine's slower and
      // faster moments fall on both alike, each after `sync` (untimed), so that neither pays for the
      // other's writes still going to disk; the medians are compared.
      const baselineRuns: number[] = [];
      const importRuns: number[] = [];
      for (let i = 0; i < 5; i++) {
        for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `baseline.db${suffix}`), { force: true });
        spawnSync('sync');
        const baselineStart = process.hrtime.bigint();
        const result = spawnSync('sqlite3', [join(dir, 'baseline.db'), `.read ${join(dir, 'baseline.sql')}`], { encoding: 'utf8' });
        baselineRuns.push(Number(process.hrtime.bigint() - baselineStart) / 1e6);
        if (result.status !== 0 || !result.stdout.includes(String(rows.counts.activities)))
          throw new Error(`sqlite3 baseline failed: ${result.stderr}${result.stdout}`);

        const dataDir = join(dir, `data${i}`);
        mkdirSync(dataDir);
        const context = openAppContext({ dataDir, resourcesDir });
        const ids = new Set(context.ruleSets.map((r) => r.id));
        spawnSync('sync');
        const start = process.hrtime.bigint();
        const summary = importRecords(readRecordsFile(join(dir, 'gym.json'), ids), context.store, context.files);
        importRuns.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (summary.courses !== rows.counts.activities) throw new Error('import incomplete');
        context.close();
      }
      const { counts } = rows;
      console.log(
        `BENCH ${data.name} rows: ${counts.people} people, ${counts.credentials} credentials, ${counts.activities} activities, ${counts.activity_credentials} links, ${counts.cpr_aed_cards} cards`,
      );
      report('import of 100,000 activities (read, validate, insert)', median(importRuns), 'ms', 'reference', true);
      report('  baseline: sqlite3 .import of the same rows from CSV', median(baselineRuns), 'ms', 'reference', true);
      reportRatio('  import vs sqlite3 .import', importRuns, baselineRuns, 1);
    });
  });

for (const data of dataSets)
  it(`recert evaluate --json of 1,000 trainers × 50 courses vs reading and writing the same JSON in Node, ${data.name}`, () => {
    withTemp((dir) => {
      const file = join(dir, 'gym.json');
      writeFileSync(file, JSON.stringify(data.records({ people: 1000, coursesPerPerson: 50 })));
      // Wall time, and CPU time (user + system, from GNU time): on a machine shared with other work the
      // wall times of one command ranged over 5×, its CPU time over a few per cent.
      const cpu: [number[], number[]] = [[], []];
      const run = (which: 0 | 1, args: string[]) => {
        const result = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, ...args], {
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        });
        if (result.status !== 0) throw new Error(result.stderr);
        const [, user, system] = /CPU ([\d.]+) ([\d.]+)/.exec(result.stderr) ?? [];
        cpu[which].push((Number(user) + Number(system)) * 1000);
      };
      // Timed in turn, seven times each, so that the machine's slow and fast moments fall on both alike.
      const roundTrips: number[] = [];
      const evaluations: number[] = [];
      for (let i = 0; i < 7; i++) {
        roundTrips.push(
          timeMs(() =>
            run(0, [
              '-e',
              `const fs = require('fs'); process.stdout.write(JSON.stringify(JSON.parse(fs.readFileSync(${JSON.stringify(file)}, 'utf8'))))`,
            ]),
          ),
        );
        evaluations.push(timeMs(() => run(1, [join(projectRoot, 'bin/recert.js'), 'evaluate', file, '--as-of', '2026-11-21', '--json'])));
      }
      const roundTrip = median(roundTrips);
      const evaluate = median(evaluations);
      console.log(`BENCH evaluate, ${data.name}: 1,000 trainers × 50 courses (whole commands, median of 7)`);
      report('recert evaluate --json', evaluate, 'ms', 'reference', true);
      report('  baseline: node reading and writing the same JSON', roundTrip, 'ms', 'reference', true);
      reportRatio('  evaluate vs JSON round trip', evaluations, roundTrips, 2);
      reportRatio('  evaluate vs JSON round trip, CPU time', cpu[1], cpu[0], 2);
    });
  }, 600_000);
