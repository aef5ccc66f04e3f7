// Settings → Team folder and the Team screen's state line: joining a team folder, syncing with it
// (at once, or soon after the folder or the records change), leaving it, and the conflicts to
// resolve, in words. The sync itself is core/sync/engine.ts; this module words its outcomes and
// keeps syncs one at a time (two at once would number their change files alike).
import { writes } from './writes';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { memoryPassphraseStore } from '../backup/passphrase-store';
import { count } from '../domain/plural';
import type { TeamConflictView, TeamFolderTone, TeamFolderView, TeamScopeChoice } from '../domain/team-folder';
import { requireWritable } from './writable-folder';
import { invalid } from '../errors';
import { deviceNames, describeConflict } from '../sync/describe';
import { listConflicts, resolveConflict, syncWithFolder, SyncError, type SyncResult } from '../sync/engine';
import { DEVICE_FILE, listTeam, readTeamFile } from '../sync/folder';
import { KINDS, type RecordKind } from '../sync/kinds';
import { forgetStanding, standingBelongsTo } from '../sync/standing';
import { defaultDeviceName, EVERYONE, stateStore } from '../sync/state';
import { newSalt, teamCrypt, WrongPassphraseError } from '../sync/team-crypt';
import type { Version } from '../sync/versions';
import type { ServiceContext } from './context';

/** The setting that holds the team folder this data folder syncs with (absent or null: none). */
export const TEAM_FOLDER_KEY = 'teamFolder';
/** A burst of writes here, or of files arriving, is synced once, shortly after it ends. */
export const SYNC_DELAY_MS = 1500;
/** Fewer characters than this are refused, as for the backup passphrase. */
const MIN_PASSPHRASE = 10;

type Problem = { code: SyncError['code'] | 'failed' | 'passphrase-needed'; message: string };

/** "just now", "5 minutes ago", "2 hours ago", "3 days ago". */
export function ago(at: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${count(minutes, 'minute', 'minutes')} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${count(hours, 'hour', 'hours')} ago`;
  return `${count(Math.floor(hours / 24), 'day', 'days')} ago`;
}

const FIELD_WORDS: Record<string, string> = {
  ceus: 'CEUs',
  contact_hours: 'contact hours',
  employee_id: 'employee ID',
  approval_code: 'approval code',
  credential_ids: 'credentials',
  rule_set: 'credential type',
  hands_on: 'hands-on',
  adult_cpr: 'adult CPR',
  aed: 'AED',
  file_name: 'file name',
};

function valueWords(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return count(value.length, 'credential', 'credentials');
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 59)}…` : value}'`;
  return String(value as number);
}

/** What sets one version apart from the others beside it: "title 'Kettlebell Level 2', CEUs 2". */
function difference(version: Version, others: readonly Version[]): string {
  if (version.data === null) return 'deleted';
  const data = version.data;
  // Which record it belongs to is no difference a person weighs (person_id, activity_id…).
  const shown = (key: string) => !key.endsWith('_id') || key === 'employee_id';
  const fields = Object.keys(data).filter(
    (key) => shown(key) && others.some((other) => other.data === null || JSON.stringify(other.data[key]) !== JSON.stringify(data[key])),
  );
  if (fields.length === 0) return 'the same content';
  const words = fields.slice(0, 3).map((key) => `${FIELD_WORDS[key] ?? key.replaceAll('_', ' ')} ${valueWords(data[key])}`);
  return `${words.join(', ')}${fields.length > 3 ? ` and ${count(fields.length - 3, 'other change', 'other changes')}` : ''}`;
}

export function teamFolderService(ctx: ServiceContext) {
  const { store, files, dataDir } = ctx;
  const db = store.db;
  const passphrases =
    ctx.platform.teamPassphrases ??
    memoryPassphraseStore('kept in memory only while browser mode runs: enter it again after a restart for syncing to continue');
  const clock = () => ctx.now().getTime();

  let problem: Problem | null = null;
  let last: SyncResult | null = null;
  let revision = 0;
  let stopped = false;
  const movedListeners: ((folder: string | null) => void)[] = [];

  const joinedFolder = (): string | null => {
    const stored = store.settings.get(TEAM_FOLDER_KEY);
    return typeof stored === 'string' && stored.length > 0 ? stored : null;
  };
  function rememberFolder(folder: string | null): void {
    store.transaction(() => store.settings.set(TEAM_FOLDER_KEY, folder));
    for (const listener of movedListeners) listener(folder);
  }

  // Records received or a conflict resolved: the caches learn of it, screens reload (revision), and
  // the write this makes is not taken for a change here that wants a sync.
  let noting = false;
  function received(): void {
    revision += 1;
    noting = true;
    try {
      ctx.noteChange();
    } finally {
      noting = false;
    }
  }

  // One sync at a time; a request while one runs is served by one more sync after it.
  let chain: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = chain.then(work);
    chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
  function syncQueued(): Promise<void> {
    if (queued) return queued;
    const next = exclusive(async () => {
      queued = null;
      await syncOnce();
    });
    queued = next;
    return next;
  }

  async function syncOnce(): Promise<void> {
    const folder = joinedFolder();
    if (!folder || stopped) return;
    const passphrase = passphrases.read();
    if (passphrase === null) {
      problem = {
        code: 'passphrase-needed',
        message: 'Enter the team passphrase: this computer does not know it, so nothing is sent or received.',
      };
      return;
    }
    try {
      last = await syncWithFolder({ db, files, folder, passphrase, now: clock });
      problem = null;
      if (last.received > 0) received();
    } catch (error) {
      problem =
        error instanceof SyncError
          ? { code: error.code, message: error.message }
          : { code: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }

  let timer: ReturnType<typeof setTimeout> | null = null;
  /** A sync shortly after the last of a burst of events (files arriving, writes here). */
  function syncSoon(delay = SYNC_DELAY_MS): void {
    if (stopped || !joinedFolder()) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void syncQueued();
    }, delay);
    timer.unref?.();
  }
  ctx.onWrite(() => {
    if (!noting) syncSoon();
  });

  function stateLine(folder: string | null, conflicts: number): { text: string; tone: TeamFolderTone } {
    if (!folder) return { text: 'Not in a team folder: the records stay on this computer only.', tone: 'off' };
    if (problem) return { text: problemWords(problem, folder), tone: 'problem' };
    if (conflicts > 0) return { text: `${count(conflicts, 'conflict', 'conflicts')} to resolve`, tone: 'attention' };
    if (!stateStore(db).get()?.last) return { text: 'Not synced yet', tone: 'attention' };
    return { text: 'Up to date', tone: 'ok' };
  }

  function problemWords(p: Problem, folder: string): string {
    switch (p.code) {
      case 'folder':
        return `The folder is not reachable: check that ${folder} exists and that the sync tool is running. Recert tries again every minute.`;
      case 'passphrase':
        return "The team passphrase is wrong: this team folder was encrypted with another one. Nothing was written; enter the team's passphrase.";
      case 'encrypted':
      case 'passphrase-needed':
        return 'Enter the team passphrase: this computer does not know it, so nothing is sent or received.';
      default:
        return `Syncing failed: ${p.message.replace(/\.$/, '')}. Nothing was lost; Recert tries again every minute.`;
    }
  }

  function scopeWords(scope: string): string {
    if (scope === EVERYONE) return "everyone's records (a manager's Recert)";
    const name = store.people.get(scope)?.name;
    return name ? `only ${name}'s records (a trainer's Recert)` : "only one person's records (a trainer's Recert)";
  }

  function scopeChoices(): TeamScopeChoice[] {
    const people = store.people.list();
    const choices: TeamScopeChoice[] = [
      { value: EVERYONE, label: "Everyone's records (a manager's Recert)" },
      ...people.map((p) => ({ value: p.id, label: `Only ${p.name}'s records (a trainer's Recert)` })),
    ];
    // As the sync core decides when nobody says: a data folder of one person is that trainer's.
    return people.length === 1 ? [...choices.slice(1), ...choices.slice(0, 1)] : choices;
  }

  function conflictViews(): TeamConflictView[] {
    const names = deviceNames(db);
    const versionsOf = db.prepare<[string, string], string>('SELECT versions FROM sync_records WHERE kind = ? AND id = ?').pluck();
    return listConflicts(db).map((conflict) => {
      const words = describeConflict(db, conflict, names);
      const versions = JSON.parse(versionsOf.get(conflict.kind, conflict.id) ?? '[]') as Version[];
      return {
        kind: conflict.kind,
        id: conflict.id,
        text: words.text,
        choices: versions.map((version) => ({
          device: version.device,
          label: `Keep the one from ${names.get(version.device) ?? `device ${version.device}`}: ${difference(
            version,
            versions.filter((other) => other !== version),
          )}`,
        })),
      };
    });
  }

  function view(): TeamFolderView {
    const folder = joinedFolder();
    const state = stateStore(db).get();
    const conflicts = state ? conflictViews() : [];
    const line = stateLine(folder, conflicts.length);
    const details: string[] = [];
    if (folder && state) {
      if (problem && conflicts.length > 0) details.push(`${count(conflicts.length, 'conflict', 'conflicts')} to resolve.`);
      const latest = Object.values(state.received).sort((a, b) => b.at - a.at)[0];
      details.push(latest ? `Last received from ${latest.name} ${ago(latest.at, clock())}.` : 'Nothing received from another Recert yet.');
      if (state.last) details.push(`Last synced ${ago(state.last.at, clock())}.`);
      if (last && last.waiting > 0)
        details.push(
          `${count(last.waiting, 'file is', 'files are')} still arriving: Recert uses them once the sync tool has delivered them whole.`,
        );
    }
    return {
      joined: folder !== null,
      folder,
      stateText: line.text,
      tone: line.tone,
      details,
      deviceText: folder && state ? `This computer is "${state.name}" in the team; it takes ${scopeWords(state.scope)}.` : null,
      conflicts,
      passphraseNeeded: folder !== null && passphrases.read() === null,
      passphraseKeptText: `The team passphrase is ${passphrases.howKept}.`,
      scopeChoices: scopeChoices(),
      suggestedName: state?.name ?? defaultDeviceName(),
      revision,
      canChoose: ctx.platform.chooseFolder !== undefined,
    };
  }

  /** The folder a person named, checked: absolute, there, writable, and apart from the data folder. */
  function acceptableFolder(given: string): string {
    if (!isAbsolute(given))
      throw invalid(
        'folder',
        'give the whole path of the folder (for example C:\\Users\\dana\\OneDrive\\Gym team or /home/dana/Sync/team)',
      );
    const folder = resolve(given);
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw invalid('folder', `${folder} is not a folder that exists here; create it, or check that the sync tool has made it`);
    const inside = (parent: string, child: string) => {
      const path = relative(parent, child);
      return path === '' || (!path.startsWith('..') && !isAbsolute(path));
    };
    if (inside(dataDir, folder)) throw invalid('folder', 'that folder is inside the data folder: choose the folder your sync tool shares');
    // A sync tool corrupts a live database: the data folder must not be in the synced folder.
    if (inside(folder, dataDir))
      throw invalid(
        'folder',
        `the data folder ${dataDir} is inside that folder, and sync tools damage live databases: choose another folder`,
      );
    requireWritable(folder);
    return folder;
  }

  function checkedPassphrase(passphrase: string): void {
    if (passphrase.length < MIN_PASSPHRASE)
      throw invalid(
        'passphrase',
        `use at least ${MIN_PASSPHRASE} characters, the same passphrase on every Recert of the team; four or five random words are easier to keep than symbols`,
      );
  }

  /** Tries the passphrase on another device's file of the folder before anything here changes. */
  async function tryPassphrase(folder: string, passphrase: string): Promise<void> {
    const crypt = teamCrypt(passphrase, newSalt());
    const own = stateStore(db).get()?.device;
    for (const device of listTeam(folder)) {
      if (device.device === own) continue;
      try {
        if (await readTeamFile(join(device.dir, DEVICE_FILE), 'device', crypt)) return;
      } catch (error) {
        if (error instanceof WrongPassphraseError) throw wrongPassphrase();
        throw error;
      }
    }
  }
  const wrongPassphrase = () =>
    invalid(
      'passphrase',
      "does not open this team folder's files: they were encrypted with another passphrase. Nothing was written; ask the team for theirs",
    );

  function refusal(error: unknown): never {
    if (error instanceof SyncError) {
      if (error.code === 'passphrase' || error.code === 'encrypted') throw wrongPassphrase();
      if (error.code === 'folder') throw invalid('folder', error.message);
    }
    throw error;
  }

  function requireJoined(field: string): string {
    const folder = joinedFolder();
    if (!folder) throw invalid(field, 'this Recert is not in a team folder: join one first (Settings → Team folder)');
    return folder;
  }

  return {
    getTeamFolder: (): TeamFolderView => view(),

    joinTeamFolder: writes(async (input: { folder: string; scope: string; name: string; passphrase: string }): Promise<TeamFolderView> => {
      const current = joinedFolder();
      const folder = acceptableFolder(input.folder);
      if (current && current !== folder)
        throw invalid('folder', `this Recert syncs with ${current}: leave that team folder first, then join another`);
      if (input.scope !== EVERYONE) ctx.requirePerson(input.scope, 'scope');
      checkedPassphrase(input.passphrase);
      await tryPassphrase(folder, input.passphrase);
      await exclusive(async () => {
        const state = stateStore(db).get();
        // Another folder, or other records taken: this data folder joins as a new device.
        if (state && (!standingBelongsTo(state, folder) || state.scope !== input.scope)) forgetStanding(db);
        try {
          last = await syncWithFolder({
            db,
            files,
            folder,
            passphrase: input.passphrase,
            now: clock,
            join: { name: input.name, scope: input.scope },
          });
        } catch (error) {
          refusal(error);
        }
        problem = null;
        passphrases.write(input.passphrase);
        rememberFolder(folder);
        if (last.received > 0) received();
      });
      return view();
    }),

    syncTeamFolder: writes(async (): Promise<TeamFolderView> => {
      requireJoined('folder');
      await syncQueued();
      return view();
    }),

    setTeamPassphrase: writes(async ({ passphrase }: { passphrase: string }): Promise<TeamFolderView> => {
      const folder = requireJoined('passphrase');
      checkedPassphrase(passphrase);
      if (existsSync(folder)) await tryPassphrase(folder, passphrase);
      passphrases.write(passphrase);
      await syncQueued();
      return view();
    }),

    leaveTeamFolder: writes(async (): Promise<TeamFolderView> => {
      requireJoined('folder');
      // After any sync under way: it must not write to the folder once this Recert has left.
      await exclusive(() => {
        if (timer) clearTimeout(timer);
        timer = null;
        rememberFolder(null);
        passphrases.write(null);
        problem = null;
        last = null;
        return Promise.resolve();
      });
      return view();
    }),

    resolveTeamConflict: writes(async ({ kind, id, keep }: { kind: RecordKind; id: string; keep: string }): Promise<TeamFolderView> => {
      await exclusive(() => {
        const conflict = listConflicts(db).find((c) => c.kind === kind && c.id === id);
        if (!conflict)
          throw invalid('id', `there is no conflict about the ${KINDS[kind].noun} "${id.slice(0, 64)}" (any more): the list is refreshed`);
        if (!conflict.devices.includes(keep))
          throw invalid('keep', `that device has no version of this ${KINDS[kind].noun}: choose one of the versions listed`);
        resolveConflict({ db, files, id, keep, now: clock });
        return Promise.resolve();
      });
      received();
      syncSoon(0);
      return view();
    }),

    chooseTeamFolder: async (): Promise<{ folder: string | null }> => ({
      folder: (await ctx.platform.chooseFolder?.('The folder your sync tool shares with the team')) ?? null,
    }),

    /** For the watcher (main/team-watch.ts): the folder to watch and this device's own files to pass over. */
    teamFolderToWatch: (): { folder: string | null; device: string | null } => ({
      folder: joinedFolder(),
      device: stateStore(db).get()?.device ?? null,
    }),
    /** Hears when the folder is joined or left. */
    onTeamFolderMoved: (listener: (folder: string | null) => void): void => {
      movedListeners.push(listener);
    },
    /** Files arrived (or the periodic scan): a sync soon, once for a burst. */
    teamFolderChanged: (): void => syncSoon(),
    /** Before the database closes: no sync starts any more; resolves once the one under way is done. */
    stopTeamSync: (): Promise<void> => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      return chain;
    },
  };
}
