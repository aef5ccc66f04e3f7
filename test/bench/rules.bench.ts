import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { openAppContext } from '../../main/app-context';
import { activityFacts, cardFacts, credentialFacts, effectiveRuleSets, evaluateEveryone } from '../../main/core/evaluation';
import type { ActivityFacts } from '../../main/core/domain/verdict';
import { pushTo } from '../../main/core/group-by';
import { evaluateCredential } from '../../main/core/rules/engine';
import { importRecords } from '../../main/core/records-file/import';
import { readRecordsFile } from '../../main/core/records-file/parse';
import { projectRoot, resourcesDir, tempDir } from '../helpers/context';
import { gymRecords } from './gym';
import { median, medianMs, report, timeMs } from './report';

function withTemp<T>(fn: (dir: string) => T): T {
  const dir = tempDir('recert-bench-');
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

it('evaluation of 1,000 people × 50 activities × 1–2 credentials from the store', () => {
  withTemp((dir) => {
    writeFileSync(join(dir, 'gym.json'), JSON.stringify(gymRecords({ people: 1000, activitiesPerPerson: 50 })));
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
    const activities = context.store.activities.listAll();
    const noCertificates = new Map<string, number>();
    const byCredential = new Map<string, ActivityFacts[]>();
    for (const a of activities) {
      const courseFacts = activityFacts(a, noCertificates);
      for (const c of a.credentialIds) pushTo(byCredential, c, courseFacts);
    }
    const facts = prepared.flatMap(({ credential }) => {
      const ruleSet = rules.get(credential.ruleSet);
      if (!ruleSet) return [];
      const cards = context.store.cprAedCards.listByPerson(credential.personId).map((k) => cardFacts(k, new Set()));
      const input = {
        asOf: '2026-11-21',
        credential: credentialFacts(credential),
        activities: byCredential.get(credential.id) ?? [],
        cards,
        unlistedPetitions: 0,
      };
      return [{ ruleSet, input }];
    });
    const engineOnly = medianMs(7, () => {
      for (const f of facts) evaluateCredential(f.ruleSet, f.input);
    });
    console.log(`BENCH ${prepared.length} credentials, ${activities.length} activities`);
    report('evaluation only (engine)', engineOnly, 'ms', '≤ 20 ms', engineOnly <= 20);
    report('evaluation including the queries', total, 'ms', '≤ 200 ms', total <= 200);
    report('  baseline: raw SELECT of the same rows', rawRead, 'ms', 'reference', true);
    report('  queries + engine vs raw SELECT', total / rawRead, 'x', 'reference', true);
    context.close();
  });
});

it('import of a 100,000-activity records file vs the sqlite3 shell importing the same rows from CSV', () => {
  withTemp((dir) => {
    const records = gymRecords({ people: 1000, activitiesPerPerson: 100 });
    writeFileSync(join(dir, 'gym.json'), JSON.stringify(records));

    // The baseline: Debian's sqlite3 shell `.import`s the same rows (people, credentials, activities and
    // their credential links) from CSV into tables of the same shape: Recert's own schema, with its
    // constraints, indexes, trigger and foreign keys, and the same pragmas.
    const schemaContext = openAppContext({ dataDir: join(dir, 'schema'), resourcesDir });
    const schema = (
      schemaContext.store.db
        .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
        .all() as { sql: string }[]
    )
      .map((r) => `${r.sql};`)
      .join('\n');
    schemaContext.close();
    const csv = (rows: (string | number | null | undefined)[][]) =>
      `${rows.map((cells) => cells.map((c) => (c === null || c === undefined ? '' : `"${String(c).replace(/"/g, '""')}"`)).join(',')).join('\n')}\n`;
    const people: unknown[][] = [];
    const credentials: unknown[][] = [];
    const activities: unknown[][] = [];
    const links: unknown[][] = [];
    for (const person of records.people) {
      people.push([person.id, person.name, person.email]);
      for (const c of person.credentials) credentials.push([c.id, person.id, c.ruleSet, c.number, c.expires]);
      for (const a of person.activities) {
        const r = a as Record<string, unknown> & { petition?: { status: string; filed: string } };
        activities.push([
          a.id,
          person.id,
          a.title,
          a.provider,
          a.approval,
          a.completed,
          r.ceus === undefined ? null : Math.round((r.ceus as number) * 1000),
          r.contactHours === undefined ? null : Math.round((r.contactHours as number) * 100),
          r.petition?.status,
          r.petition?.filed,
        ]);
        for (const c of person.credentials) links.push([a.id, c.id]);
      }
    }
    const files = { people, credentials, activities, links } as Record<string, unknown[][]>;
    for (const [name, rows] of Object.entries(files)) writeFileSync(join(dir, `${name}.csv`), csv(rows as (string | number | null)[][]));
    // .import writes text; staging tables and NULLIF turn empty cells into NULL, as the app stores them.
    const script = [
      'PRAGMA journal_mode = WAL;',
      'PRAGMA synchronous = FULL;',
      'PRAGMA foreign_keys = ON;',
      schema,
      'CREATE TEMP TABLE s_people (id, name, email);',
      'CREATE TEMP TABLE s_credentials (id, person_id, rule_set, number, expires);',
      'CREATE TEMP TABLE s_activities (id, person_id, title, provider, approval, completed, ceu, hours, petition_status, petition_filed);',
      'CREATE TEMP TABLE s_links (activity_id, credential_id);',
      ...Object.keys(files).map((name) => `.import --csv ${join(dir, `${name}.csv`)} s_${name}`),
      'BEGIN;',
      'INSERT INTO people (id, name, email) SELECT id, name, email FROM s_people;',
      'INSERT INTO credentials (id, person_id, rule_set, number, expires) SELECT * FROM s_credentials;',
      `INSERT INTO activities (id, person_id, title, provider, approval, completed, ceu_thousandths, contact_hour_hundredths, petition_status, petition_filed)
         SELECT id, person_id, title, provider, approval, completed, CAST(NULLIF(ceu, '') AS INTEGER), CAST(NULLIF(hours, '') AS INTEGER),
           NULLIF(petition_status, ''), NULLIF(petition_filed, '') FROM s_activities;`,
      'INSERT INTO activity_credentials SELECT * FROM s_links;',
      'COMMIT;',
      'SELECT count(*) FROM activities;',
    ].join('\n');
    writeFileSync(join(dir, 'baseline.sql'), script);
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
      if (result.status !== 0 || !result.stdout.includes('100000'))
        throw new Error(`sqlite3 baseline failed: ${result.stderr}${result.stdout}`);

      const dataDir = join(dir, `data${i}`);
      mkdirSync(dataDir);
      const context = openAppContext({ dataDir, resourcesDir });
      const ids = new Set(context.ruleSets.map((r) => r.id));
      spawnSync('sync');
      const start = process.hrtime.bigint();
      const summary = importRecords(readRecordsFile(join(dir, 'gym.json'), ids), context.store, context.files);
      importRuns.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (summary.activities !== 100_000) throw new Error('import incomplete');
      context.close();
    }
    const baseline = median(baselineRuns);
    const imported = median(importRuns);
    console.log(
      `BENCH rows: ${people.length} people, ${credentials.length} credentials, ${activities.length} activities, ${links.length} links`,
    );
    report('import of 100,000 activities (read, validate, insert)', imported, 'ms', 'reference', true);
    report('  baseline: sqlite3 .import of the same rows from CSV', baseline, 'ms', 'reference', true);
    report('  import vs sqlite3 .import', imported / baseline, 'x', '≤ 1.0×', imported / baseline <= 1);
  });
});

it('recert evaluate --json of 1,000 trainers × 50 courses vs reading and writing the same JSON in Node', () => {
  withTemp((dir) => {
    const file = join(dir, 'gym.json');
    writeFileSync(file, JSON.stringify(gymRecords({ people: 1000, activitiesPerPerson: 50 })));
    const run = (args: string[]) => {
      const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
      if (result.status !== 0) throw new Error(result.stderr);
    };
    // Timed in turn, seven times each, so that the machine's slow and fast moments fall on both alike.
    const roundTrips: number[] = [];
    const evaluations: number[] = [];
    for (let i = 0; i < 7; i++) {
      roundTrips.push(
        timeMs(() =>
          run([
            '-e',
            `const fs = require('fs'); process.stdout.write(JSON.stringify(JSON.parse(fs.readFileSync(${JSON.stringify(file)}, 'utf8'))))`,
          ]),
        ),
      );
      evaluations.push(timeMs(() => run([join(projectRoot, 'bin/recert.js'), 'evaluate', file, '--as-of', '2026-11-21', '--json'])));
    }
    const roundTrip = median(roundTrips);
    const evaluate = median(evaluations);
    console.log('BENCH evaluate: 1,000 trainers × 50 courses, 1,500 credentials (whole commands, median of 7)');
    report('recert evaluate --json', evaluate, 'ms', 'reference', true);
    report('  baseline: node reading and writing the same JSON', roundTrip, 'ms', 'reference', true);
    report('  evaluate vs JSON round trip', evaluate / roundTrip, 'x', '≤ 2.5×', evaluate / roundTrip <= 2.5);
  });
}, 600_000);
