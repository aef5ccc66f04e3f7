// An update-import must not hand a stored person's records to someone else: a record whose id is
// stored but which shares neither the name, the e-mail nor the employee ID is a conflict to confirm
// (the built CLI: refused, exit 2, unless --same-person; the app: shown, Apply refused until
// confirmed); and no import may leave two people with one e-mail or employee ID.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppContext } from '../../../main/app-context';
import type { RecordsImportView } from '../../../main/core/domain/views';
import { writeBundle } from '../../../main/core/records-file/bundle';
import { freshContext, projectRoot, resourcesDir, tempDir } from '../../helpers/context';
import { value, valueNow } from '../../helpers/results';
import { seed, snapshot } from '../../helpers/seed';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});
function context() {
  const c = freshContext({ today: '2026-11-23' });
  cleanup.push(() => c.dispose());
  return c;
}
function folder() {
  const dir = tempDir('recert-identity-');
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
function recert(...args: string[]) {
  return spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8' });
}
const upload = (path: string, samePeople?: string[]) => ({
  fileName: 'sam.recert',
  contentBase64: readFileSync(path).toString('base64'),
  ...(samePeople ? { samePeople } : {}),
});

/** Dana's store and a bundle of hers; then the same ids carrying another person's identity. */
async function takeover(identity: { name: string; email?: string | null; employeeId?: string | null }) {
  const trainer = context();
  const ids = seed(trainer);
  const dana = join(folder(), 'dana.recert');
  await writeBundle(trainer.store, trainer.files, dana, ids.personId);
  valueNow(
    trainer.dispatch('updatePerson', {
      id: ids.personId,
      name: identity.name,
      email: identity.email ?? null,
      employeeId: identity.employeeId ?? null,
      active: true,
    }),
  );
  const other = join(folder(), 'other.recert');
  await writeBundle(trainer.store, trainer.files, other, ids.personId);
  return { ids, dana, other };
}

/** The manager's data folder, holding Dana from her bundle. */
function managerFolder(dana: string): string {
  const manager = folder();
  const imported = recert('import', dana, '--db', manager);
  expect(imported.status, imported.stderr).toBe(0);
  return manager;
}
function peopleOf(dataDir: string) {
  const c = openAppContext({ dataDir, resourcesDir });
  try {
    return c.store.people.list(true).map((p) => ({ name: p.name, email: p.email, employeeId: p.employeeId }));
  } finally {
    c.close();
  }
}
function dump(dataDir: string): string {
  const c = openAppContext({ dataDir, resourcesDir });
  try {
    return snapshot(c);
  } finally {
    c.close();
  }
}

const SAM = { name: 'Sam Okafor', email: 'sam@example.org', employeeId: 'E-900' };

describe('recert import --update: a stored id with another identity', () => {
  it('is refused (exit 2), naming both people, until --same-person confirms it', async () => {
    const { ids, dana, other } = await takeover(SAM);
    const manager = managerFolder(dana);
    const before = dump(manager);
    for (const extra of [[], ['--dry-run']]) {
      const refused = recert('import', other, '--db', manager, '--update', ...extra);
      expect(refused.status, refused.stdout).toBe(2);
      expect(refused.stderr).toContain(
        `people[0]: "Sam Okafor" in the file has the id of the stored "Dana Rivera" (${ids.personId}), but not the name, e-mail or employee ID`,
      );
      expect(refused.stderr).toContain(`run again with --same-person ${ids.personId}`);
      expect(refused.stderr).not.toMatch(/at .*\.js/);
      expect(dump(manager)).toBe(before);
    }
    const wrongId = recert('import', other, '--db', manager, '--update', '--same-person', 'p-someone-else');
    expect(wrongId.status).toBe(2);
    expect(dump(manager)).toBe(before);

    const dry = recert('import', other, '--db', manager, '--update', '--dry-run', '--same-person', ids.personId);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`Same person, as confirmed: "Sam Okafor" in the file is the stored "Dana Rivera" (${ids.personId})`);
    expect(dump(manager)).toBe(before);
    const confirmed = recert('import', other, '--db', manager, '--update', '--same-person', ids.personId);
    expect(confirmed.status, confirmed.stderr).toBe(0);
    expect(confirmed.stdout).toContain('People: 1 updated');
    expect(peopleOf(manager)).toEqual([SAM]);
  });

  it('is an update when the name, the e-mail or the employee ID still matches', async () => {
    for (const identity of [
      { name: 'Dana Rivera-Lopez', email: 'DANA@example.org ', employeeId: 'E-1' },
      { name: 'Dana Lopez', email: 'dana.lopez@example.org', employeeId: 'e-104' },
      { name: '  dana   RIVERA', email: 'new@example.org', employeeId: null },
    ]) {
      const { dana, other } = await takeover(identity);
      const manager = managerFolder(dana);
      const updated = recert('import', other, '--db', manager, '--update');
      expect(updated.status, updated.stderr).toBe(0);
      expect(updated.stdout).toContain('People: 1 updated');
    }
  });

  it('a file that leaves out the e-mail and employee ID, with another name, is a conflict', async () => {
    const { ids, dana, other } = await takeover({ name: 'Sam Okafor' });
    const manager = managerFolder(dana);
    const refused = recert('import', other, '--db', manager, '--update');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`--same-person ${ids.personId}`);
    expect(recert('import', other, '--db', manager, '--same-person', ids.personId).status).toBe(2);
  });
});

describe('no import leaves two people sharing an e-mail or employee ID', () => {
  function recordsFile(people: { id: string; name: string; email?: string; employeeId?: string }[]) {
    const path = join(folder(), 'records.json');
    writeFileSync(
      path,
      JSON.stringify({
        format: 'recert-records/1',
        people: people.map((p) => ({ ...p, credentials: [], activities: [], cprAed: [] })),
      }),
    );
    return path;
  }

  it('refuses an update that gives a stored person the employee ID of another, naming both', () => {
    const manager = folder();
    const first = recert(
      'import',
      recordsFile([
        { id: 'p-dana', name: 'Dana Rivera', email: 'dana@example.org', employeeId: 'E-104' },
        { id: 'p-sam', name: 'Sam Okafor', employeeId: 'E-900' },
      ]),
      '--db',
      manager,
    );
    expect(first.status, first.stderr).toBe(0);
    const before = dump(manager);
    const clash = recert(
      'import',
      recordsFile([{ id: 'p-dana', name: 'Dana Rivera', email: 'dana@example.org', employeeId: 'e-900' }]),
      '--db',
      manager,
      '--update',
    );
    expect(clash.status).toBe(2);
    expect(clash.stderr).toContain(
      'people[0]: "Dana Rivera" (p-dana) would have the employee ID e-900 of "Sam Okafor" (p-sam); two people cannot share an employee ID',
    );
    expect(dump(manager)).toBe(before);
    // Matched to Sam by employee ID, the file would give him Dana's e-mail.
    const matched = recert(
      'import',
      recordsFile([{ id: 'p-new', name: 'Sam Okafor', email: 'dana@example.org', employeeId: 'E-900' }]),
      '--db',
      manager,
      '--update',
    );
    expect(matched.status, matched.stdout).toBe(2);
    expect(matched.stderr).toContain('"Sam Okafor" (p-sam) would have the e-mail dana@example.org of "Dana Rivera" (p-dana)');
    expect(dump(manager)).toBe(before);
  });

  it('refuses two people of the file with one e-mail, plain or update', () => {
    const file = recordsFile([
      { id: 'p-a', name: 'Alex Kim', email: 'front-desk@example.org' },
      { id: 'p-b', name: 'Bea Nunez', email: 'Front-Desk@example.org' },
    ]);
    for (const extra of [[], ['--update']]) {
      const manager = folder();
      const refused = recert('import', file, '--db', manager, ...extra);
      expect(refused.status, refused.stdout).toBe(2);
      expect(refused.stderr).toMatch(/"(Alex Kim|Bea Nunez)" \(p-[ab]\) would have the e-mail \S+ of "(Alex Kim|Bea Nunez)" \(p-[ab]\)/);
      expect(peopleOf(manager)).toEqual([]);
    }
  });
});

describe("the app's Import records…", () => {
  it('shows the conflict in the preview and applies only once it is confirmed', async () => {
    const { ids, dana, other } = await takeover(SAM);
    const manager = context();
    await value(manager.dispatch('applyRecordsImport', upload(dana)));
    const before = snapshot(manager);
    const preview = await value<RecordsImportView>(manager.dispatch('previewRecordsImport', upload(other)));
    expect(preview.problems).toEqual([]);
    expect(preview.conflicts).toEqual([
      expect.objectContaining({ personId: ids.personId, storedName: 'Dana Rivera', fileName: 'Sam Okafor', confirmed: false }),
    ]);
    expect(preview.conflicts[0]?.text).toContain("updating would give Dana Rivera's records to Sam Okafor");
    const refused = await manager.dispatch('applyRecordsImport', upload(other));
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.field).toBe('samePeople');
      expect(refused.error.message).toContain('"Sam Okafor" in the file has the id of the stored "Dana Rivera"');
    }
    expect(snapshot(manager)).toBe(before);
    const applied = await value<RecordsImportView>(manager.dispatch('applyRecordsImport', upload(other, [ids.personId])));
    expect(applied.applied).toBe(true);
    expect(applied.conflicts.map((c) => c.confirmed)).toEqual([true]);
    expect(manager.store.people.get(ids.personId)?.name).toBe('Sam Okafor');
  });

  it('names two people who would share an employee ID as problems, writing nothing', async () => {
    const { dana } = await takeover(SAM);
    const manager = context();
    valueNow(manager.dispatch('createPerson', { name: 'Sam Okafor', employeeId: 'E-104' }));
    valueNow(manager.dispatch('createPerson', { name: 'Pat Doe', email: 'dana@example.org' }));
    const before = snapshot(manager);
    const view = await value<RecordsImportView>(manager.dispatch('applyRecordsImport', upload(dana)));
    expect(view.applied).toBe(false);
    expect(view.problems.join('\n')).toContain('would have the e-mail dana@example.org of "Pat Doe"');
    expect(snapshot(manager)).toBe(before);
  });
});
