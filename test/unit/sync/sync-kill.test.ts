// kill -9 of a real `recert sync` while it writes its change file (or a certificate file, or its
// device file) and while it applies the others' changes: afterwards its data folder passes
// `recert check`, the team folder holds no half file under a name others read, the other device
// applies everything it finds, and a rerun converges with it.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/context';
import { tinyPdf } from '../../helpers/seed';
import { valueNow } from '../../helpers/results';
import { dataFolder, recert, recordsIn, syncJson, syncKilledAfter, teamFolderDamage, teamListing, withData } from '../../helpers/sync-cli';
import { course, person } from '../../helpers/sync-devices';

let team: string;
let laptop: string;
let desk: string;
let laptopDevice: string;

beforeAll(() => {
  team = tempDir('recert-sync-kill-team-');
  laptop = dataFolder('laptop');
  desk = dataFolder('desk');
  withData(laptop, ({ store }) => store.transaction(() => store.people.insert(person('p1', 'Dana Rivera'))));
  laptopDevice = syncJson(laptop, team).device;
  syncJson(desk, team);
});

afterAll(() => {
  for (const dir of [team, laptop, desk]) rmSync(dir, { recursive: true, force: true });
});

/** New records on both sides, the desk's already in the team folder: the laptop has something to write and something to apply. */
function changesOnBoth(tag: string, options: { certificate?: boolean; many?: number } = {}): void {
  const many = options.many ?? 1;
  withData(laptop, (context) => {
    context.store.transaction(() => {
      for (let i = 0; i < many; i++) context.store.courses.insert(course(`laptop-${tag}-${i}`, 'p1', `Laptop course ${tag} ${i}`));
    });
    if (options.certificate)
      valueNow(
        context.dispatch('addAttachment', {
          owner: { kind: 'course', id: `laptop-${tag}-0` },
          fileName: `${tag}.pdf`,
          contentBase64: Buffer.concat([tinyPdf, Buffer.from(`%${tag}`)]).toString('base64'),
        }),
      );
  });
  withData(desk, ({ store }) =>
    store.transaction(() => {
      for (let i = 0; i < many; i++) store.courses.insert(course(`desk-${tag}-${i}`, 'p1', `Desk course ${tag} ${i}`));
    }),
  );
  syncJson(desk, team);
}

/** What must hold after any kill: a sound data folder, no half file the desk would read, nothing of the laptop's waiting for the desk. */
async function consistentAfterKill(): Promise<void> {
  const check = recert(['check', '--db', laptop]);
  expect(check.status, check.stdout + check.stderr).toBe(0);
  const damage = await teamFolderDamage(team);
  expect(damage.broken).toEqual([]);
  for (const path of damage.temporaries) expect(path.startsWith(`${laptopDevice}/`)).toBe(true);
  expect(syncJson(desk, team).waiting).toBe(0);
}

const titles = (dir: string) =>
  withData(dir, ({ store }) =>
    store.courses
      .listAll()
      .map((a) => a.id)
      .sort(),
  );

describe('kill -9 of recert sync at a chosen moment', () => {
  const moments: { at: string; certificate?: boolean }[] = [
    { at: 'sync-applying' }, // inside the transaction that merges the desk's change file
    { at: 'sync-file-before-rename', certificate: true }, // a certificate file whole under its temporary name
    { at: 'sync-changes-before-rename' }, // the change file whole under its temporary name
    { at: 'sync-change-written' }, // the change file in place, the outbox not yet emptied
  ];
  for (const { at, certificate } of moments) {
    it(`${at}: the data folder checks, the team folder holds no half file, a rerun converges`, async () => {
      changesOnBoth(at, certificate ? { certificate } : {});
      const before = teamListing(team);
      const killed = recert(['sync', '--db', laptop, '--folder', team], { RECERT_CRASH_AT: at });
      expect(killed.signal).toBe('SIGKILL');
      const temporaries = (await teamFolderDamage(team)).temporaries;
      if (at.endsWith('before-rename')) expect(temporaries).toHaveLength(1);
      if (at === 'sync-applying') {
        expect(titles(laptop)).not.toContain(`desk-${at}-0`); // the merge was rolled back whole
        expect(teamListing(team)).toEqual(before);
      }
      await consistentAfterKill();

      const rerun = syncJson(laptop, team);
      expect(rerun.waiting).toBe(0);
      expect((await teamFolderDamage(team)).temporaries).toEqual([]); // its own leftovers swept
      syncJson(desk, team);
      expect(syncJson(laptop, team).conflicts).toEqual([]);
      expect(titles(laptop)).toEqual(expect.arrayContaining([`laptop-${at}-0`, `desk-${at}-0`]));
      expect(recordsIn(desk)).toEqual(recordsIn(laptop));
    });
  }

  it('sync-device-before-rename: a device killed as it joins joins at its rerun', async () => {
    const late = dataFolder('late');
    try {
      const killed = recert(['sync', '--db', late, '--folder', team], { RECERT_CRASH_AT: 'sync-device-before-rename' });
      expect(killed.signal).toBe('SIGKILL');
      expect(recert(['check', '--db', late]).status).toBe(0);
      expect((await teamFolderDamage(team)).broken).toEqual([]);
      const joined = syncJson(late, team);
      expect(teamListing(team)).toContain(`${joined.device}/device.rct`);
      expect(recordsIn(late)).toEqual(recordsIn(desk));
    } finally {
      rmSync(late, { recursive: true, force: true });
    }
  });
});

describe('kill -9 of recert sync at random moments', () => {
  it('leaves both folders consistent each time; reruns converge', async () => {
    syncJson(laptop, team);
    const start = titles(laptop).length;
    // How long a whole sync of this size takes here: the kills land inside it, wherever that is.
    changesOnBoth('measure', { many: 200, certificate: true });
    const began = Date.now();
    syncJson(laptop, team);
    const whole = Date.now() - began;
    const outcomes: string[] = [];
    for (let round = 0; round < 3; round++) {
      changesOnBoth(`random-${round}`, { many: 200, certificate: true });
      const delay = Math.floor(whole * (0.15 + Math.random() * 0.8));
      const ended = await syncKilledAfter(laptop, team, delay);
      outcomes.push(`${delay} ms: ${ended.signal ?? `exit ${ended.code}`}`);
      await consistentAfterKill();
    }
    expect(
      outcomes.some((outcome) => outcome.endsWith('SIGKILL')),
      outcomes.join('; '),
    ).toBe(true);
    syncJson(laptop, team);
    syncJson(desk, team);
    syncJson(laptop, team);
    expect(recordsIn(desk), outcomes.join('; ')).toEqual(recordsIn(laptop));
    expect(titles(laptop)).toHaveLength(start + 4 * 200 * 2);
  });
});
