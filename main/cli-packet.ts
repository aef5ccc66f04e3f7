// `recert packet`: the audit packet of one credential, from a records file, a bundle or the store.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataLocation, resourcesDir, UsageError, tellOnStderr } from './cli-common';
import { ruleSets } from './cli-evaluate';
import { isCalendarDate, localToday } from './core/dates';
import { writePacket } from './core/packet/build';
import type { PacketPlan } from './core/packet/plan';
import { planFromRecords, planFromStore } from './core/packet/sources';
import { openRecordsFile } from './cli-passphrase';
import { escapeControlCharacters } from './core/text';

export async function packetCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      person: { type: 'string' },
      credential: { type: 'string' },
      out: { type: 'string' },
      'as-of': { type: 'string' },
    },
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (extra.length > 0 || (file && values.db) || (!file && !values.db))
    throw new UsageError('packet needs either a records FILE or --db PATH');
  if (!values.credential) throw new UsageError('packet needs --credential ID');
  if (!values.out) throw new UsageError('packet needs --out OUT.pdf');
  if (file && !values.person) throw new UsageError('packet needs --person ID with a records FILE');
  const today = localToday();
  const asOf = values['as-of'] ?? today;
  if (!isCalendarDate(asOf)) throw new UsageError(`--as-of: "${asOf}" is not a calendar date (YYYY-MM-DD)`);
  const out = resolve(values.out);
  const sets = ruleSets();
  let plan: PacketPlan;
  // A bundle's certificates are read while the packet is written: its folder goes once it is done.
  let dispose: () => void = () => undefined;
  if (file) {
    const opened = await openRecordsFile(resolve(file), new Set(sets.map((r) => r.id)));
    dispose = opened.dispose;
    plan = planFromRecords(opened.parsed, sets, values.person ?? '', values.credential, asOf, today);
  } else {
    // The store's code (SQLite, migrations, the service) only for --db: a packet from a records file
    // starts sooner without loading it.
    const { openAppContext } = await import('./app-context');
    const context = openAppContext({ ...dataLocation(values.db), resourcesDir, tell: tellOnStderr });
    try {
      const credential = context.store.credentials.get(values.credential);
      if (values.person && credential && credential.personId !== values.person)
        throw new UsageError(`--credential: "${values.credential}" is not a credential of "${values.person}"`);
      plan = planFromStore(context.store, context.files, context.ruleSets, values.credential, asOf, today);
    } finally {
      context.close();
    }
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await writePacket(plan, out, {
      fontDir: join(resourcesDir, 'fonts'),
      signal: controller.signal,
      // File names come from users: control characters are shown escaped, never sent raw to the terminal.
      onProgress: (p) => process.stderr.write(`[${p.done}/${p.total}] ${escapeControlCharacters(p.message)}\n`),
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    dispose();
  }
  process.stdout.write(`Wrote ${out} (${plan.exhibits.length} exhibits).\n`);
}
