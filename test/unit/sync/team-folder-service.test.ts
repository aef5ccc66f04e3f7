// The app's side of a team folder (service/team-folder.ts): joining, the state in words, a conflict
// worded and resolved, a wrong passphrase told and nothing written, and the watcher that syncs on
// its own when another device's files arrive or a record is written here.
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../main/app-context';
import type { InputOf, MethodName, TeamFolderView } from '../../../preload/contract';
import { isTeamFileOfOthers } from '../../../main/team-watch';
import { projectRoot, resourcesDir, tempDir } from '../../helpers/context';

const PASSPHRASE = 'river stone lamp orbit';
const opened: { context: AppContext; dir: string }[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const { context, dir } of opened.splice(0)) {
    await context.closeWhenSynced();
    rmSync(dir, { recursive: true, force: true });
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function device(options: { watch?: boolean; dir?: string } = {}): AppContext {
  const dir = options.dir ?? tempDir('recert-device-');
  const context = openAppContext({
    dataDir: dir,
    resourcesDir,
    packetWorkerFile: join(projectRoot, 'out/main/packet-worker.js'),
    logError: () => undefined,
    watchTeamFolder: options.watch ?? false,
  });
  opened.push({ context, dir });
  return context;
}

function teamFolder(): string {
  const folder = tempDir('recert-team-');
  folders.push(folder);
  return folder;
}

async function call<M extends MethodName>(context: AppContext, method: M, input: InputOf<M>) {
  return await context.dispatch(method, input);
}
async function ok<T>(context: AppContext, method: MethodName, input: unknown): Promise<T> {
  const result = await context.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

/** A contract call that must answer at once and succeed (the writes a screen makes). */
function now<T = { id: string }>(context: AppContext, method: MethodName, input: unknown): T {
  const result = context.dispatch(method, input);
  if (result instanceof Promise || !result.ok) throw new Error(`${method} failed: ${JSON.stringify(result)}`);
  return result.value as T;
}

const addCourse = (context: AppContext, personId: string, title: string, credentialIds: string[] = []) =>
  now(context, 'createCourse', {
    personId,
    title,
    provider: 'NASM',
    approval: 'nasm',
    completed: '2026-02-01',
    ceus: 1.5,
    credentialIds,
  });

function addDana(context: AppContext): { personId: string; courseId: string; credentialId: string } {
  const person = now(context, 'createPerson', { name: 'Dana Rivera' });
  const credential = now(context, 'createCredential', {
    personId: person.id,
    ruleSet: 'nasm-cpt',
    number: 'NASM-1',
    expires: '2027-03-31',
  });
  const course = addCourse(context, person.id, 'Kettlebell Level 1', [credential.id]);
  return { personId: person.id, courseId: course.id, credentialId: credential.id };
}
const titles = (context: AppContext, personId: string) => context.store.courses.listByPerson(personId).map((c) => c.title);

const join_ = (context: AppContext, folder: string, name: string, extra: Partial<InputOf<'joinTeamFolder'>> = {}) =>
  ok<TeamFolderView>(context, 'joinTeamFolder', { folder, scope: 'everyone', name, passphrase: PASSPHRASE, ...extra });

describe('joining a team folder', () => {
  it('refuses what cannot be a team folder, naming the field, and joins nothing', async () => {
    const a = device();
    const folder = teamFolder();
    const refused = async (input: Partial<InputOf<'joinTeamFolder'>>, field: string, pattern: RegExp) => {
      const result = await call(a, 'joinTeamFolder', { folder, scope: 'everyone', name: 'Front desk', passphrase: PASSPHRASE, ...input });
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (result.ok) return;
      expect(result.error.field).toBe(field);
      expect(result.error.message).toMatch(pattern);
    };
    await refused({ folder: 'relative/team' }, 'folder', /whole path/);
    await refused({ folder: join(folder, 'not-there') }, 'folder', /not a folder that exists/);
    await refused({ folder: a.dataDir }, 'folder', /inside the data folder/);
    // The data folder inside the synced folder: a sync tool would damage the live database.
    await refused({ folder: join(a.dataDir, '..') }, 'folder', /sync tools damage live databases/);
    await refused({ passphrase: 'short' }, 'passphrase', /at least 10 characters/);
    await refused({ scope: 'p-nobody' }, 'scope', /no person/);
    await refused({ name: '   ' }, 'name', /is required/);
    expect((await ok<TeamFolderView>(a, 'getTeamFolder', {})).joined).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  it("brings a course added on one Recert to the other's, and says where things stand", async () => {
    const folder = teamFolder();
    const a = device();
    const b = device();
    const { courseId } = addDana(a);
    const joinedA = await join_(a, folder, 'Front desk');
    // Read before the sync: the Team screen's cache must learn that the sync brought records.
    expect((await ok<{ rows: unknown[] }>(b, 'getTeamView', {})).rows).toEqual([]);
    expect(joinedA).toMatchObject({ joined: true, folder, stateText: 'Up to date', tone: 'ok' });
    expect(joinedA.deviceText).toBe(`This computer is "Front desk" in the team; it takes everyone's records (a manager's Recert).`);
    const joinedB = await join_(b, folder, "Dana's laptop");
    expect(b.store.courses.get(courseId)?.title).toBe('Kettlebell Level 1');
    expect(joinedB.details).toContain('Last received from Front desk just now.');
    expect(joinedB.revision).toBe(1);
    // Read through the Team screen's cache: it must see what the sync brought.
    expect((await ok<{ rows: { name: string }[] }>(b, 'getTeamView', {})).rows.map((r) => r.name)).toContain('Dana Rivera');
  });

  it('tells a device with the wrong passphrase so, and it writes nothing', async () => {
    const folder = teamFolder();
    const a = device();
    addDana(a);
    await join_(a, folder, 'Front desk');
    const b = device();
    const before = readdirSync(join(folder, 'recert-team'));
    const result = await call(b, 'joinTeamFolder', { folder, scope: 'everyone', name: 'Intruder', passphrase: 'another long passphrase' });
    expect(result).toMatchObject({ ok: false, error: { field: 'passphrase' } });
    expect(!result.ok && result.error.message).toMatch(/encrypted with another passphrase\. Nothing was written/);
    expect(readdirSync(join(folder, 'recert-team'))).toEqual(before);
    expect(b.store.people.list()).toEqual([]);
    expect((await ok<TeamFolderView>(b, 'getTeamFolder', {})).joined).toBe(false);
  });

  it('takes only its own person’s records on a trainer’s Recert', async () => {
    const folder = teamFolder();
    const manager = device();
    const { personId } = addDana(manager);
    now(manager, 'createPerson', { name: 'Sam Lee' });
    await join_(manager, folder, 'Front desk');
    const trainer = device();
    const choices = (await ok<TeamFolderView>(trainer, 'getTeamFolder', {})).scopeChoices;
    expect(choices[0]?.value).toBe('everyone'); // nobody here yet: a manager's Recert by default
    // Dana's own Recert holds Dana (a records file she imported, say): it takes her records only.
    trainer.store.transaction(() =>
      trainer.store.people.insert({ id: personId, name: 'Dana Rivera', email: null, employeeId: null, active: true }),
    );
    const view = await join_(trainer, folder, "Dana's laptop", { scope: personId });
    expect(view.deviceText).toMatch(/only Dana Rivera's records \(a trainer's Recert\)/);
    expect(trainer.store.people.list().map((p) => p.name)).toEqual(['Dana Rivera']);
    expect(titles(trainer, personId)).toEqual(['Kettlebell Level 1']);
    // A Recert holding one person that chooses everyone's records is a manager's: it takes Sam too.
    const deputy = device();
    deputy.store.transaction(() =>
      deputy.store.people.insert({ id: personId, name: 'Dana Rivera', email: null, employeeId: null, active: true }),
    );
    await join_(deputy, folder, 'Back office', { scope: 'everyone' });
    expect(deputy.store.people.list().map((p) => p.name)).toEqual(['Dana Rivera', 'Sam Lee']);
  });
});

describe('who sees whom', () => {
  it('a person the manager deactivates leaves the team view on every Recert, not their disks', async () => {
    const folder = teamFolder();
    const a = device();
    const b = device();
    const { personId } = addDana(a);
    await join_(a, folder, 'Front desk');
    await join_(b, folder, 'Back office');
    const names = async (context: AppContext) =>
      (await ok<{ rows: { name: string }[] }>(context, 'getTeamView', {})).rows.map((r) => r.name);
    expect(await names(b)).toEqual(['Dana Rivera']);
    now(a, 'updatePerson', { id: personId, name: 'Dana Rivera', employeeId: 'E-104', active: false });
    await ok(a, 'syncTeamFolder', {});
    await ok(b, 'syncTeamFolder', {});
    expect(await names(b)).toEqual([]);
    expect(b.store.people.get(personId)).toMatchObject({ active: false, employeeId: 'E-104' });
    expect(titles(b, personId)).toEqual(['Kettlebell Level 1']);
  });
});

describe('conflicts and state', () => {
  async function conflicted() {
    const folder = teamFolder();
    const a = device();
    const b = device();
    const dana = addDana(a);
    await join_(a, folder, 'Front desk');
    await join_(b, folder, "Dana's laptop");
    const edit = (context: AppContext, title: string) => {
      const { id, provider, approval, completed, ceus, credentialIds } = now<Record<string, unknown>>(context, 'getCourse', {
        id: dana.courseId,
      });
      now(context, 'updateCourse', { id, title, provider, approval, completed, ceus, credentialIds });
    };
    edit(a, 'Kettlebell Level 2');
    edit(b, 'Kettlebell L1 (retake)');
    await ok(a, 'syncTeamFolder', {});
    const view = await ok<TeamFolderView>(b, 'syncTeamFolder', {});
    return { folder, a, b, dana, view };
  }

  it('words a conflict from both sides and resolves it to the one kept, on both devices', async () => {
    const { a, b, dana, view } = await conflicted();
    expect(view.stateText).toBe('1 conflict to resolve');
    expect(view.tone).toBe('attention');
    const conflict = view.conflicts[0];
    expect(conflict?.text).toMatch(
      /^Dana Rivera's course '.+': changed on (Front desk|Dana's laptop) and on (Front desk|Dana's laptop) — keep which\?$/,
    );
    const labels = conflict?.choices.map((c) => c.label) ?? [];
    expect(labels).toContain("Keep the one from Front desk: title 'Kettlebell Level 2'");
    expect(labels).toContain("Keep the one from Dana's laptop: title 'Kettlebell L1 (retake)'");
    const frontDesk = conflict?.choices.find((c) => c.label.includes('Front desk'))?.device ?? '';
    const resolved = await ok<TeamFolderView>(b, 'resolveTeamConflict', { kind: 'course', id: dana.courseId, keep: frontDesk });
    expect(resolved.conflicts).toEqual([]);
    expect(resolved.revision).toBeGreaterThan(view.revision);
    expect(b.store.courses.get(dana.courseId)?.title).toBe('Kettlebell Level 2');
    await ok(b, 'syncTeamFolder', {});
    const onA = await ok<TeamFolderView>(a, 'syncTeamFolder', {});
    expect(onA.conflicts).toEqual([]);
    expect(onA.stateText).toBe('Up to date');
    expect(a.store.courses.get(dana.courseId)?.title).toBe('Kettlebell Level 2');
  });

  it('refuses to resolve what is not a conflict, or to keep a version nobody made', async () => {
    const { b, dana, view } = await conflicted();
    const other = await call(b, 'resolveTeamConflict', {
      kind: 'course',
      id: 'a-not-a-conflict',
      keep: view.conflicts[0]?.choices[0]?.device ?? '',
    });
    expect(other).toMatchObject({ ok: false, error: { field: 'id' } });
    const nobody = await call(b, 'resolveTeamConflict', { kind: 'course', id: dana.courseId, keep: '0000000000000000' });
    expect(nobody).toMatchObject({ ok: false, error: { field: 'keep' } });
    const wrongKind = await call(b, 'resolveTeamConflict', {
      kind: 'person',
      id: dana.courseId,
      keep: view.conflicts[0]?.choices[0]?.device ?? '',
    });
    expect(wrongKind).toMatchObject({ ok: false, error: { field: 'id' } });
    expect((await ok<TeamFolderView>(b, 'getTeamFolder', {})).conflicts).toHaveLength(1);
  });

  it('says the folder is not reachable, and up to date again once it is back', async () => {
    const folder = teamFolder();
    const a = device();
    addDana(a);
    await join_(a, folder, 'Front desk');
    renameSync(folder, `${folder}-away`);
    const away = await ok<TeamFolderView>(a, 'syncTeamFolder', {});
    expect(away.tone).toBe('problem');
    expect(away.stateText).toBe(
      `The folder is not reachable: check that ${folder} exists and that the sync tool is running. Recert tries again every minute.`,
    );
    renameSync(`${folder}-away`, folder);
    expect((await ok<TeamFolderView>(a, 'syncTeamFolder', {})).stateText).toBe('Up to date');
  });

  it('asks for the team passphrase when this computer does not know it, and refuses a wrong one', async () => {
    const folder = teamFolder();
    const a = device();
    const b = device();
    addDana(a);
    await join_(a, folder, 'Front desk');
    await join_(b, folder, "Dana's laptop");
    // Browser mode after a restart: the folder is still joined, the passphrase was kept in memory only.
    const dir = b.dataDir;
    const index = opened.findIndex((o) => o.context === b);
    opened.splice(index, 1);
    await b.closeWhenSynced();
    const again = device({ dir });
    const asked = await ok<TeamFolderView>(again, 'syncTeamFolder', {});
    expect(asked).toMatchObject({ joined: true, passphraseNeeded: true, tone: 'problem' });
    expect(asked.stateText).toBe('Enter the team passphrase: this computer does not know it, so nothing is sent or received.');
    const wrong = await call(again, 'setTeamPassphrase', { passphrase: 'another long passphrase' });
    expect(wrong).toMatchObject({ ok: false, error: { field: 'passphrase' } });
    const right = await ok<TeamFolderView>(again, 'setTeamPassphrase', { passphrase: PASSPHRASE });
    expect(right).toMatchObject({ passphraseNeeded: false, stateText: 'Up to date' });
  });

  it('leaves: no more syncing, the records stay, and joining again continues as the same device', async () => {
    const folder = teamFolder();
    const a = device();
    const { courseId } = addDana(a);
    await join_(a, folder, 'Front desk');
    const left = await ok<TeamFolderView>(a, 'leaveTeamFolder', {});
    expect(left).toMatchObject({ joined: false, folder: null, tone: 'off' });
    expect(a.store.courses.get(courseId)).toBeDefined();
    expect(await call(a, 'syncTeamFolder', {})).toMatchObject({ ok: false, error: { field: 'folder' } });
    const devices = readdirSync(join(folder, 'recert-team'));
    await join_(a, folder, 'Front desk');
    expect(readdirSync(join(folder, 'recert-team'))).toEqual(devices);
  });

  it('joins another team folder as a new device that sends every record', async () => {
    const first = teamFolder();
    const second = teamFolder();
    const a = device();
    const { courseId } = addDana(a);
    await join_(a, first, 'Front desk');
    await ok(a, 'leaveTeamFolder', {});
    await join_(a, second, 'Front desk');
    const b = device();
    await join_(b, second, "Dana's laptop");
    expect(b.store.courses.get(courseId)?.title).toBe('Kettlebell Level 1');
    expect(readdirSync(join(second, 'recert-team'))).not.toContain(readdirSync(join(first, 'recert-team'))[0]);
  });
});

describe('watching the team folder', () => {
  it('counts only other devices’ files under recert-team/', () => {
    expect(isTeamFileOfOthers('/t', '/t/recert-team/aaaaaaaaaaaaaaaa/changes-000001.rct', 'bbbbbbbbbbbbbbbb')).toBe(true);
    expect(isTeamFileOfOthers('/t', '/t/recert-team/bbbbbbbbbbbbbbbb/changes-000001.rct', 'bbbbbbbbbbbbbbbb')).toBe(false);
    expect(isTeamFileOfOthers('/t', '/t/recert-team/aaaaaaaaaaaaaaaa/.changes-000001.rct.tmp', 'bbbbbbbbbbbbbbbb')).toBe(false);
    expect(isTeamFileOfOthers('/t', '/t/holiday-photos/x.jpg', null)).toBe(false);
  });

  it('syncs on its own when another device writes, and after a write here', async () => {
    const folder = teamFolder();
    const a = device();
    const b = device({ watch: true });
    const { personId } = addDana(a);
    await join_(a, folder, 'Front desk');
    await join_(b, folder, "Dana's laptop");
    // Written on A and sent by A's sync: B hears the file arrive and syncs without being asked.
    addCourse(a, personId, 'Mobility 101');
    await ok(a, 'syncTeamFolder', {});
    await expect.poll(() => titles(b, personId), { timeout: 15_000 }).toContain('Mobility 101');
    // Written on B: B sends it soon after, and A receives it at its next sync.
    addCourse(b, personId, 'Breathwork');
    await expect
      .poll(
        async () => {
          await ok(a, 'syncTeamFolder', {});
          return titles(a, personId);
        },
        { timeout: 15_000, interval: 500 },
      )
      .toContain('Breathwork');
  }, 40_000);
});
