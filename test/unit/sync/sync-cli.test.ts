// `recert sync` as the person runs it: the built CLI in real child processes, separate data folders
// (a trainer's laptop and a manager's desk) and one shared team folder.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../main/core/attachments/file-store';
import { envelope, TEAM_FOLDER } from '../../../main/core/sync/folder';
import { tempDir } from '../../helpers/context';
import { tinyPdf } from '../../helpers/seed';
import { dataFolder, recert, recordsIn, syncJson, teamFolderDamage, teamListing, withData } from '../../helpers/sync-cli';
import { course, person } from '../../helpers/sync-devices';
import { valueNow } from '../../helpers/results';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folders(count: number): { team: string; devices: string[] } {
  const team = tempDir('recert-sync-team-');
  const devices = Array.from({ length: count }, (_, i) => dataFolder(String.fromCharCode(97 + i)));
  made.push(team, ...devices);
  return { team, devices };
}

/** Dana's laptop: one person, one course (so it takes only Dana's records; the manager's takes all). */
function danaLaptop(dir: string): void {
  withData(dir, ({ store }) =>
    store.transaction(() => {
      store.people.insert(person('p1', 'Dana Rivera'));
      store.courses.insert(course('c1', 'p1', 'Kettlebell Level 1'));
    }),
  );
}

/** Every certificate file in a data folder's store (temporary names left aside). */
function storedFiles(dataDir: string): string[] {
  const root = join(dataDir, 'attachments');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
}

const titleOf = (dir: string, id: string) => withData(dir, ({ store }) => store.courses.get(id)?.title ?? null);

describe('recert sync: records flow between data folders', () => {
  it('a course added on one appears on the other; a conflict is listed, resolved with --resolve/--keep; a deletion travels as a tombstone', () => {
    const { team, devices } = folders(2);
    const [laptop, desk] = devices as [string, string];
    danaLaptop(laptop);

    const first = syncJson(laptop, team);
    expect(first.sent).toBe(2);
    expect(teamListing(team).some((path) => path.startsWith(`${first.device}/changes-`))).toBe(true);
    const arrived = syncJson(desk, team);
    expect(arrived.received).toBe(2);
    expect(titleOf(desk, 'c1')).toBe('Kettlebell Level 1');
    expect(recordsIn(desk)).toEqual(recordsIn(laptop));

    // Both change the same course before seeing each other's change.
    withData(laptop, ({ store }) => store.transaction(() => store.courses.update(course('c1', 'p1', 'Kettlebell Level 2'))));
    withData(desk, ({ store }) => store.transaction(() => store.courses.update(course('c1', 'p1', 'Kettlebell L1 (retake)'))));
    expect(syncJson(laptop, team).sent).toBe(1);
    const words = recert(['sync', '--db', desk, '--folder', team]);
    expect(words.status, words.stderr).toBe(0);
    expect(words.stdout).toContain('Sent 1 changed record to the team folder.');
    expect(words.stdout).toContain('1 conflict to resolve:');
    expect(words.stdout).toMatch(/Dana Rivera's course '.+': changed on .+ — keep which\?/);
    expect(words.stdout).toContain(`--resolve c1 --keep ${first.device}`);
    const listed = syncJson(laptop, team);
    expect(listed.conflicts).toEqual([
      { kind: 'course', id: 'c1', person: 'p1', devices: expect.arrayContaining([first.device, arrived.device]) },
    ]);

    // The manager keeps the laptop's version; it reaches the laptop at its next sync.
    const kept = recert(['sync', '--db', desk, '--resolve', 'c1', '--keep', first.device]);
    expect(kept.status, kept.stderr).toBe(0);
    expect(kept.stdout).toContain("version of course c1; the other stays in the record's history");
    expect(titleOf(desk, 'c1')).toBe('Kettlebell Level 2');
    expect(syncJson(desk, team).conflicts).toEqual([]);
    expect(syncJson(laptop, team).conflicts).toEqual([]);
    expect(titleOf(laptop, 'c1')).toBe('Kettlebell Level 2');
    expect(recordsIn(desk)).toEqual(recordsIn(laptop));

    // A deletion on the desk: a tombstone in its change file, and the course goes on the laptop too.
    withData(desk, ({ store }) => store.transaction(() => store.courses.delete('c1')));
    expect(syncJson(desk, team).sent).toBe(1);
    syncJson(laptop, team);
    expect(titleOf(laptop, 'c1')).toBeNull();
    const tombstone = withData(laptop, ({ store }) =>
      store.db.prepare<[], { versions: string }>("SELECT versions FROM sync_records WHERE kind = 'course' AND id = 'c1'").get(),
    );
    expect(JSON.parse(tombstone?.versions ?? '[]')).toEqual([expect.objectContaining({ device: arrived.device, data: null })]);
    expect(recordsIn(desk)).toEqual(recordsIn(laptop));
  });

  it('a certificate file travels once, and is taken only when its SHA-256 matches', () => {
    const { team, devices } = folders(3);
    const [laptop, desk, frontDesk] = devices as [string, string, string];
    danaLaptop(laptop);
    const certificate = Buffer.concat([tinyPdf, Buffer.from('%dana-kettlebell')]);
    const sha256 = sha256Hex(certificate);
    withData(laptop, (context) =>
      valueNow(
        context.dispatch('addAttachment', {
          owner: { kind: 'course', id: 'c1' },
          fileName: 'kettlebell.pdf',
          contentBase64: certificate.toString('base64'),
        }),
      ),
    );
    const sent = syncJson(laptop, team);
    const carried = () => teamListing(team).filter((path) => path.endsWith('.rcf'));
    expect(carried()).toEqual([`${sent.device}/files/${sha256}.rcf`]);
    withData(laptop, ({ store }) => store.transaction(() => store.courses.update(course('c1', 'p1', 'Kettlebell Level 2'))));
    syncJson(laptop, team);
    expect(syncJson(desk, team).received).toBeGreaterThanOrEqual(3);
    expect(readFileSync(withData(desk, ({ files }) => files.pathOf(sha256)))).toEqual(certificate);
    syncJson(desk, team);
    expect(carried()).toHaveLength(1); // once, however many devices and syncs

    // A file whose envelope is whole but whose bytes are not the certificate's: waited for, never stored.
    const path = join(team, TEAM_FOLDER, `${sent.device}/files/${sha256}.rcf`);
    const genuine = readFileSync(path);
    writeFileSync(path, envelope('file', Buffer.from('%PDF-1.4 not the certificate')));
    const refused = syncJson(frontDesk, team);
    expect(refused.waiting).toBe(1);
    expect(withData(frontDesk, ({ files }) => files.has(sha256))).toBe(false);
    expect(storedFiles(frontDesk)).toEqual([]); // not kept under any name either
    expect(withData(frontDesk, ({ store }) => store.attachments.listAll().length)).toBe(0);
    writeFileSync(path, genuine); // the sync tool delivers the right bytes at last
    expect(syncJson(frontDesk, team).waiting).toBe(0);
    expect(readFileSync(withData(frontDesk, ({ files }) => files.pathOf(sha256)))).toEqual(certificate);
    expect(storedFiles(frontDesk)).toEqual([sha256]);
    expect(recordsIn(frontDesk)).toEqual(recordsIn(desk));
  });
});

describe('recert sync: --keep by name, and --resolve with --folder', () => {
  it('keeps the version of the device named, then syncs at once', () => {
    const { team, devices } = folders(2);
    const [laptop, desk] = devices as [string, string];
    danaLaptop(laptop);
    const laptopDevice = syncJson(laptop, team).device;
    syncJson(desk, team);
    withData(laptop, ({ store }) => store.transaction(() => store.courses.update(course('c1', 'p1', 'Kettlebell Level 2'))));
    withData(desk, ({ store }) => store.transaction(() => store.courses.update(course('c1', 'p1', 'Kettlebell L1 (retake)'))));
    syncJson(laptop, team);
    expect(syncJson(desk, team).conflicts).toHaveLength(1);
    // Both run on this one machine, so both took its host name: the desk's knows the laptop by another.
    withData(desk, ({ store }) => {
      const row = store.db.prepare<[], { value: string }>("SELECT value FROM sync_state WHERE key = 'device'").get();
      const state = JSON.parse(row?.value ?? '{}') as { received: Record<string, { name: string }> };
      (state.received[laptopDevice] as { name: string }).name = "Dana's laptop";
      store.db.prepare("UPDATE sync_state SET value = ? WHERE key = 'device'").run(JSON.stringify(state));
    });
    const kept = recert(['sync', '--db', desk, '--resolve', 'c1', '--keep', "Dana's laptop", '--folder', team, '--json']);
    expect(kept.status, kept.stderr).toBe(0);
    expect(JSON.parse(kept.stdout)).toMatchObject({ sent: 1, conflicts: [] });
    expect(syncJson(laptop, team)).toMatchObject({ received: 2, conflicts: [] }); // the retake, then the choice
    expect(titleOf(laptop, 'c1')).toBe('Kettlebell Level 2');
    expect(titleOf(desk, 'c1')).toBe('Kettlebell Level 2');
  });
});

describe('recert sync: the team passphrase', () => {
  it('encrypts the team folder; a wrong or missing passphrase exits 2 and writes nothing', async () => {
    const { team, devices } = folders(2);
    const [laptop, desk] = devices as [string, string];
    danaLaptop(laptop);
    const right = { RECERT_PASSPHRASE: 'correct horse battery staple' };
    syncJson(laptop, team, right);
    const files = teamListing(team);
    for (const path of files)
      expect(
        readFileSync(join(team, TEAM_FOLDER, path))
          .subarray(0, 21)
          .toString('latin1'),
      ).toBe('age-encryption.org/v1');
    expect(JSON.stringify(files.map((path) => readFileSync(join(team, TEAM_FOLDER, path)).toString('latin1')))).not.toContain('Kettlebell');

    for (const env of [{ RECERT_PASSPHRASE: 'wrong horse battery staple' }, {}]) {
      const refused = recert(['sync', '--db', desk, '--folder', team, '--json'], env);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(
        env.RECERT_PASSPHRASE ? /passphrase is wrong.*nothing was written/ : /encrypted: set RECERT_PASSPHRASE/,
      );
      expect(refused.stdout).toBe('');
      expect(teamListing(team)).toEqual(files);
      expect(withData(desk, ({ store }) => store.db.prepare('SELECT count(*) AS n FROM sync_state').get())).toEqual({ n: 0 });
    }
    const joined = syncJson(desk, team, right);
    expect(joined.received).toBe(2);
    expect(titleOf(desk, 'c1')).toBe('Kettlebell Level 1');
    expect(await teamFolderDamage(team, right.RECERT_PASSPHRASE)).toEqual({ broken: [], temporaries: [] });
  });
});

describe('recert sync: refusals', () => {
  it('exits 2 with what to fix: a missing team folder, --resolve without --keep, no such conflict', () => {
    const { team, devices } = folders(1);
    const [laptop] = devices as [string];
    danaLaptop(laptop);
    const missing = recert(['sync', '--db', laptop, '--folder', join(team, 'not-there')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('is not reachable');
    expect(withData(laptop, ({ store }) => store.db.prepare('SELECT count(*) AS n FROM sync_state').get())).toEqual({ n: 0 });
    const noKeep = recert(['sync', '--db', laptop, '--resolve', 'c1']);
    expect(noKeep.status).toBe(2);
    expect(noKeep.stderr).toContain('--resolve ID needs --keep DEVICE');
    const notJoined = recert(['sync', '--db', laptop, '--resolve', 'c1', '--keep', 'abcdefabcdefabcd']);
    expect(notJoined.status).toBe(2);
    expect(notJoined.stderr).toContain('has not joined a team folder');
    syncJson(laptop, team);
    const noConflict = recert(['sync', '--db', laptop, '--resolve', 'c1', '--keep', 'abcdefabcdefabcd']);
    expect(noConflict.status).toBe(2);
    expect(noConflict.stderr).toContain('no conflict for "c1"');
    expect(recert(['sync', '--db', laptop]).status).toBe(2);
  });
});
