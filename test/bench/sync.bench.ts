import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { projectRoot } from '../helpers/context';
import { dataFolder, teamListing, withData } from '../helpers/sync-cli';
import { TEAM_FOLDER } from '../../main/core/sync/folder';
import { gymRecords } from './gym';
import { median, report, reportRatio, timeMs } from './report';

function recert(...args: string[]): string {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`recert ${args[0]} failed: ${result.stderr}`);
  return result.stdout;
}

/** 50 of the chain's courses retitled on the club's device. */
function change50(dataDir: string, round: number): void {
  withData(dataDir, ({ store }) =>
    store.transaction(() => {
      for (let i = 0; i < 50; i++) {
        const course = store.courses.get(`a${(round * 50 + i) % 1000}-${i % 50}`);
        if (course) store.courses.update({ ...course, title: `${course.title} (round ${round})` });
      }
    }),
  );
}

it('a new manager catching up from a team folder of 1,000 people vs importing the same records file; a routine sync of 50 records', () => {
  const dir = mkdtempSync(join(tmpdir(), 'recert-sync-bench-'));
  const made: string[] = [];
  try {
    const records = join(dir, 'gym.json');
    writeFileSync(records, JSON.stringify(gymRecords({ people: 1000, coursesPerPerson: 50 })));
    const team = join(dir, 'team');
    mkdirSync(team);
    const club = dataFolder('bench-club');
    made.push(club);
    recert('import', records, '--db', club);
    const joining = timeMs(() => recert('sync', '--db', club, '--folder', team, '--json'));
    const folderBytes = teamListing(team).reduce((sum, path) => sum + statSync(join(team, TEAM_FOLDER, path)).size, 0);

    // Whole commands, in turn, into new data folders each time (made untimed).
    const imports: number[] = [];
    const catchUps: number[] = [];
    let manager = '';
    for (let i = 0; i < 3; i++) {
      const importing = dataFolder('bench-import');
      const newManager = dataFolder('bench-manager');
      made.push(importing, newManager);
      imports.push(timeMs(() => recert('import', records, '--db', importing)));
      catchUps.push(timeMs(() => recert('sync', '--db', newManager, '--folder', team, '--json')));
      manager = newManager;
    }
    const sends: number[] = [];
    const receives: number[] = [];
    for (let round = 0; round < 3; round++) {
      change50(club, round);
      sends.push(timeMs(() => recert('sync', '--db', club, '--folder', team, '--json')));
      let received = 0;
      receives.push(
        timeMs(() => {
          received = (JSON.parse(recert('sync', '--db', manager, '--folder', team, '--json')) as { received: number }).received;
        }),
      );
      if (received !== 50) throw new Error(`the manager received ${received} records, not 50`);
    }
    const importMs = median(imports);
    const catchUpMs = median(catchUps);
    console.log(
      `BENCH sync: 1,000 people, 1,500 credentials, 1,000 CPR/AED cards, 50,000 courses; team folder ${(folderBytes / 1e6).toFixed(1)} MB (whole commands, median of 3)`,
    );
    report('recert sync: a club joining with all its records (once)', joining, 'ms', 'reference', true);
    report('recert sync: a new manager catching up from the team folder', catchUpMs, 'ms', 'reference', true);
    report('  baseline: recert import of the same records file', importMs, 'ms', 'reference', true);
    reportRatio('  catching up vs importing', catchUps, imports, 2);
    report('recert sync: sending 50 changed records', median(sends), 'ms', '< 1000 ms', median(sends) < 1000);
    report('recert sync: receiving 50 changed records', median(receives), 'ms', '< 1000 ms', median(receives) < 1000);
  } finally {
    for (const folder of made) rmSync(folder, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);
