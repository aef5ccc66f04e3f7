// `recert sync`: this data folder's records through a team folder (docs/sync.md), and the choice of
// which version of a conflicted record to keep. The data folder is opened like every other command
// (held shared, so that no restore swaps it underneath); the team folder is only ever written under
// this device's own folder, and not at all when the passphrase does not open it.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openAppContext } from './app-context';
import { existingDataLocation, resourcesDir, tellOnStderr, UsageError } from './cli-common';
import { count } from './core/domain/plural';
import { listConflicts, resolveConflict, syncWithFolder, type SyncConflict, type SyncResult } from './core/sync/engine';
import { deviceNames, describeConflict } from './core/sync/describe';
import { stateStore } from './core/sync/state';
import type { Db } from './core/store';

export async function syncCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      folder: { type: 'string' },
      resolve: { type: 'string' },
      keep: { type: 'string' },
      json: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError('sync takes no FILE argument; give the team folder with --folder DIR');
  if (values.resolve !== undefined && values.keep === undefined)
    throw new UsageError('--resolve ID needs --keep DEVICE: the device whose version to keep (recert sync --folder DIR lists them)');
  if (values.keep !== undefined && values.resolve === undefined) throw new UsageError('--keep DEVICE goes with --resolve ID');
  if (values.resolve === undefined && values.folder === undefined)
    throw new UsageError('sync needs --folder DIR (the team folder your sync tool shares), or --resolve ID --keep DEVICE');
  if (values.folder !== undefined && values.folder.trim() === '') throw new UsageError('--folder: give the team folder, not an empty path');
  const context = openAppContext({ ...existingDataLocation(values.db), resourcesDir, tell: tellOnStderr });
  const db = context.store.db;
  try {
    if (values.resolve !== undefined) {
      const keep = deviceOf(db, values.resolve, values.keep ?? '');
      const resolved = resolveConflict({ db, files: context.files, id: values.resolve, keep });
      if (values.folder === undefined) {
        if (values.json) process.stdout.write(`${JSON.stringify(resolved, null, 2)}\n`);
        else
          process.stdout.write(
            `Kept ${nameOf(db, keep)}'s version of ${resolved.kind} ${resolved.id}; the other stays in the record's history. ` +
              `It reaches the other devices at the next recert sync.\n`,
          );
        return;
      }
      if (!values.json) process.stdout.write(`Kept ${nameOf(db, keep)}'s version of ${resolved.kind} ${resolved.id}.\n`);
    }
    const before = stateStore(db).get()?.received ?? {};
    const passphrase = process.env.RECERT_PASSPHRASE || null;
    const result = await syncWithFolder({ db, files: context.files, folder: resolve(values.folder ?? ''), passphrase });
    if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else process.stdout.write(`${words(db, result, before, values.db)}\n`);
  } finally {
    context.close();
  }
}

/** --keep takes the device id, or the name a device gave itself when only one of the versions has it. */
function deviceOf(db: Db, id: string, keep: string): string {
  const conflict = listConflicts(db).find((c) => c.id === id);
  if (!conflict || conflict.devices.includes(keep)) return keep;
  const names = deviceNames(db);
  const named = conflict.devices.filter((device) => names.get(device) === keep);
  return named.length === 1 ? (named[0] as string) : keep;
}

function nameOf(db: Db, device: string): string {
  return deviceNames(db).get(device) ?? `device ${device}`;
}

/** What happened, in words: sent, received from whom, waiting, and each conflict with how to settle it. */
function words(db: Db, result: SyncResult, before: Record<string, { at: number }>, dbOption: string | undefined): string {
  const after = stateStore(db).get()?.received ?? {};
  const from = Object.entries(after)
    .filter(([device, { at }]) => before[device]?.at !== at)
    .map(([, { name }]) => name);
  const lines = [
    `This device: ${nameOf(db, result.device)} (${result.device}).`,
    result.sent > 0 ? `Sent ${count(result.sent, 'changed record', 'changed records')} to the team folder.` : 'Nothing new to send.',
    result.received > 0
      ? `Received ${count(result.received, 'changed record', 'changed records')}${from.length > 0 ? ` from ${[...new Set(from)].join(', ')}` : ''}.`
      : 'Nothing new received.',
  ];
  if (result.waiting > 0)
    lines.push(
      `${count(result.waiting, 'file', 'files')} in the team folder ${result.waiting === 1 ? 'is' : 'are'} not complete yet (the sync tool is still delivering ${result.waiting === 1 ? 'it' : 'them'}): applied at a later sync.`,
    );
  if (result.conflicts.length === 0) lines.push(result.waiting > 0 ? 'No conflicts.' : 'Up to date, no conflicts.');
  else {
    lines.push('', `${count(result.conflicts.length, 'conflict', 'conflicts')} to resolve:`);
    const names = deviceNames(db);
    for (const conflict of result.conflicts) lines.push(...conflictLines(db, conflict, names, dbOption));
  }
  return lines.join('\n');
}

function conflictLines(db: Db, conflict: SyncConflict, names: Map<string, string>, dbOption: string | undefined): string[] {
  const described = describeConflict(db, conflict, names);
  const dbArgument = dbOption ? ` --db ${JSON.stringify(dbOption)}` : '';
  const seen = new Set<string>();
  const lines = [`- ${described.text}`];
  for (const choice of described.choices) {
    if (seen.has(choice.device)) continue;
    seen.add(choice.device);
    lines.push(
      `    ${choice.deviceName} (${choice.device}): ${choice.summary}` +
        ` — keep it: recert sync${dbArgument} --resolve ${conflict.id} --keep ${choice.device}`,
    );
  }
  return lines;
}
