// Convergence, in the style of Actual's sync property tests: 3–5 devices, random interleavings of
// edits, deletions, certificate files and syncs, the folder's files delivered late, out of order,
// twice and half-written first, clocks hours apart. Once every file has arrived everywhere, every
// device holds the same records and lists the same conflicts, and nothing anyone wrote is lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openEnvelope } from '../../../main/core/sync/folder';
import { recordStore } from '../../../main/core/sync/records';
import { canonicalData, dominates, type Version } from '../../../main/core/sync/versions';
import { recordKinds, KINDS, type RecordKind } from '../../../main/core/sync/kinds';
import { credential, recordsOf } from '../../helpers/sync-devices';
import {
  closeSimulation,
  conflictsOf,
  deliver,
  settle,
  simulation,
  syncDevice,
  pending,
  type DeliveryMode,
  type SimDevice,
  type Simulation,
} from '../../helpers/sync-simulation';

const EDITS = [
  'person-add',
  'course-add',
  'course-edit',
  'course-edit',
  'person-edit',
  'person-edit',
  'person-deactivate',
  'person-delete',
  'credential-add',
  'credential-delete',
  'course-add',
  'course-edit',
  'course-link',
  'course-delete',
  'card-add',
  'card-edit',
  'attach',
  'attachment-delete',
] as const;
type Edit = (typeof EDITS)[number];

interface Action {
  kind: 'edit' | 'sync' | 'deliver';
  edit: Edit;
  device: number;
  pick: number;
  pick2: number;
  mode: DeliveryMode;
  /** Deliver the newest pending file first (the sync tool's order is not the writer's). */
  newestFirst: boolean;
}

const action = fc.record({
  kind: fc.constantFrom<Action['kind']>('edit', 'edit', 'edit', 'sync', 'sync', 'deliver', 'deliver', 'deliver'),
  edit: fc.constantFrom(...EDITS),
  device: fc.nat(),
  // Small picks: edits fall on the same few records, so devices often change the same one.
  pick: fc.nat({ max: 3 }),
  pick2: fc.nat({ max: 60 }),
  mode: fc.constantFrom<DeliveryMode>('whole', 'whole', 'half', 'conflicted-copy'),
  newestFirst: fc.boolean(),
});

const HOUR = 3_600_000;

function ids(d: SimDevice, table: string): string[] {
  return d.device.store.db.prepare<[], string>(`SELECT id FROM ${table} ORDER BY id`).pluck().all();
}

function pickOf<T>(list: readonly T[], pick: number): T | undefined {
  return list.length === 0 ? undefined : list[pick % list.length];
}

/** Every record's content on this device (as the engine reads it), by kind:id. */
function valuesOf(d: SimDevice): Map<string, string> {
  const records = recordStore(d.device.store.db, () => true);
  const values = new Map<string, string>();
  for (const kind of recordKinds) {
    for (const id of ids(d, KINDS[kind].table)) values.set(`${kind}:${id}`, canonicalData(records.currentData(kind, id)));
  }
  return values;
}

/** Makes one edit through the repositories, as the screens' services do. */
function edit(sim: Simulation, d: SimDevice, a: Action): void {
  const { store } = d.device;
  const fresh = (prefix: string) => `${prefix}-${d.index}-${(d.counter += 1)}`;
  const people = ids(d, 'people');
  const courses = ids(d, 'activities');
  const cards = ids(d, 'cpr_aed_cards');
  const before = valuesOf(d);
  // A device with nobody yet adds someone first, so that most runs gather records to merge.
  const chosen: Edit = people.length === 0 ? 'person-add' : a.edit;
  store.transaction(() => {
    switch (chosen) {
      case 'person-add':
        store.people.insert({ id: fresh('p'), name: `Person ${d.counter}`, email: null, employeeId: null, active: true });
        break;
      case 'person-edit': {
        const id = pickOf(people, a.pick);
        const p = id ? store.people.get(id) : undefined;
        if (p) store.people.update({ ...p, name: `${p.name.split(' ·')[0]} · ${d.index}.${a.pick2 % 7}`, employeeId: `E-${a.pick2 % 5}` });
        break;
      }
      case 'person-deactivate': {
        const id = pickOf(people, a.pick);
        const p = id ? store.people.get(id) : undefined;
        if (p) store.people.update({ ...p, active: !p.active });
        break;
      }
      case 'person-delete': {
        // Rare: only when the pick says so, so that people live long enough to gather records.
        const id = a.pick2 % 4 === 0 ? pickOf(people, a.pick) : undefined;
        if (id) store.people.delete(id);
        break;
      }
      case 'credential-add': {
        const personId = pickOf(people, a.pick);
        if (personId) store.credentials.insert(credential(fresh('k'), personId));
        break;
      }
      case 'credential-delete': {
        const id = a.pick2 % 3 === 0 ? pickOf(ids(d, 'credentials'), a.pick) : undefined;
        if (id) store.credentials.delete(id);
        break;
      }
      case 'course-add': {
        const personId = pickOf(people, a.pick);
        if (!personId) break;
        const credentials = store.credentials.listByPerson(personId).map((k) => k.id);
        store.courses.insert({
          id: fresh('c'),
          personId,
          title: `Course ${a.pick2 % 100}`,
          provider: 'NASM',
          approval: 'nasm',
          approvalCode: null,
          completed: '2026-02-01',
          ceus: 1 + (a.pick2 % 10) / 10,
          contactHours: null,
          petition: null,
          category: null,
          credentialIds: credentials.slice(0, a.pick2 % 2),
        });
        break;
      }
      case 'course-edit': {
        const id = pickOf(courses, a.pick);
        const c = id ? store.courses.get(id) : undefined;
        if (c) store.courses.update({ ...c, title: `Course ${a.pick2 % 100} (${d.index})` });
        break;
      }
      case 'course-link': {
        const id = pickOf(courses, a.pick);
        const c = id ? store.courses.get(id) : undefined;
        const credential = c ? pickOf(store.credentials.listByPerson(c.personId), a.pick2) : undefined;
        if (c && credential) {
          // Only the link table is written: its own capture triggers must carry the change.
          const linked = c.credentialIds.includes(credential.id);
          store.db
            .prepare(
              linked
                ? 'DELETE FROM activity_credentials WHERE activity_id = ? AND credential_id = ?'
                : 'INSERT INTO activity_credentials VALUES (?, ?)',
            )
            .run(c.id, credential.id);
        }
        break;
      }
      case 'course-delete': {
        const id = pickOf(courses, a.pick);
        if (id) store.courses.delete(id);
        break;
      }
      case 'card-add': {
        const personId = pickOf(people, a.pick);
        if (personId)
          store.cprAedCards.insert({
            id: fresh('a'),
            personId,
            provider: 'American Red Cross',
            completed: '2025-06-01',
            expires: '2027-06-01',
            adultCpr: true,
            aed: true,
            handsOn: a.pick2 % 2 === 0,
          });
        break;
      }
      case 'card-edit': {
        const id = pickOf(cards, a.pick);
        const card = id ? store.cprAedCards.get(id) : undefined;
        if (card) store.cprAedCards.update({ ...card, handsOn: !card.handsOn, provider: `Provider ${d.index}` });
        break;
      }
      case 'attach': {
        const owners = [...courses.map((id) => ({ kind: 'course', id })), ...cards.map((id) => ({ kind: 'card', id }))];
        const owner = pickOf(owners, a.pick);
        if (!owner) break;
        // A few distinct certificates, so that the same file is attached on several devices.
        const bytes = Buffer.from(`%PDF-1.4 certificate ${a.pick2 % 6}\n%%EOF\n`);
        const sha256 = d.device.files.put(bytes);
        store.attachments.insert({
          id: fresh('f'),
          sha256,
          fileName: `certificate-${a.pick2 % 6}.pdf`,
          mediaType: 'application/pdf',
          size: bytes.length,
          courseId: owner.kind === 'course' ? owner.id : null,
          cprAedCardId: owner.kind === 'card' ? owner.id : null,
        });
        break;
      }
      case 'attachment-delete': {
        const id = pickOf(ids(d, 'attachments'), a.pick);
        if (id) store.attachments.delete(id);
        break;
      }
    }
  });
  const after = valuesOf(d);
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const value = after.get(key) ?? null;
    if ((before.get(key) ?? null) === value) continue;
    sim.writes.set(key, [...(sim.writes.get(key) ?? []), { device: d.index, value }]);
  }
}

/** Every version any device wrote to the folder. */
function versionsInCloud(sim: Simulation): (Version & { kind: RecordKind; id: string })[] {
  const all: (Version & { kind: RecordKind; id: string })[] = [];
  for (const [key, bytes] of sim.cloud) {
    if (!/changes-\d+\.rct$/.test(key)) continue;
    const body = openEnvelope('changes', bytes);
    if (!body) throw new Error(`${key} in the cloud does not verify`);
    all.push(...(JSON.parse(body.toString('utf8')) as { versions: (Version & { kind: RecordKind; id: string })[] }).versions);
  }
  return all;
}

/** The pending change file with the highest number (the index in the pending list). */
function newestChangeFile(keys: string[]): number {
  let best = 0;
  let bestSeq = -1;
  keys.forEach((key, i) => {
    const seq = Number(/changes-(\d+)\.rct$/.exec(key)?.[1] ?? -1);
    if (seq > bestSeq) [best, bestSeq] = [i, seq];
  });
  return best;
}

async function run(count: number, skews: number[], actions: Action[]): Promise<void> {
  const sim = simulation(count, skews);
  try {
    for (const a of actions) {
      const d = sim.devices[a.device % count] as SimDevice;
      if (a.kind === 'edit') edit(sim, d, a);
      else if (a.kind === 'sync') await syncDevice(sim, d);
      else deliver(sim, d, a.newestFirst ? newestChangeFile(pending(sim, d)) : a.pick2, a.mode);
    }
    await settle(sim);

    const [first, ...others] = sim.devices as [SimDevice, ...SimDevice[]];
    const expected = recordsOf(first.device.store);
    const conflicts = conflictsOf(first);
    for (const d of others) {
      expect(recordsOf(d.device.store)).toEqual(expected);
      expect(conflictsOf(d)).toEqual(conflicts);
    }

    for (const d of sim.devices) {
      const records = recordStore(d.device.store.db, (sha) => d.device.files.has(sha));
      const waiting = new Set(records.waiting().map((w) => `${w.kind}:${w.id}`));
      // The tables hold exactly the shown versions that can be stored.
      for (const kind of recordKinds) {
        for (const row of d.device.store.db
          .prepare<[], { id: string; versions: string }>(`SELECT id, versions FROM sync_records WHERE kind = '${kind}'`)
          .all()) {
          const shown = (JSON.parse(row.versions) as Version[])[0]?.data ?? null;
          const stored = records.currentData(kind, row.id);
          if (shown === null) expect(stored, `${kind} ${row.id} deleted`).toBeNull();
          else if (!waiting.has(`${kind}:${row.id}`))
            expect(canonicalData(stored), `${kind} ${row.id} stored as shown`).toBe(canonicalData(shown));
        }
        for (const id of ids(d, KINDS[kind].table)) expect(records.kept(kind, id), `${kind} ${id} is known to sync`).toBeDefined();
      }
      // Every certificate file a stored attachment names is here, and is what its hash says.
      for (const attachment of d.device.store.attachments.listAll()) expect(d.device.files.has(attachment.sha256)).toBe(true);

      // Nothing lost: a record only one device wrote shows that device's last value; one several
      // wrote shows one of the values written.
      for (const [key, writes] of sim.writes) {
        const [kind, id] = key.split(/:(.*)/s) as [RecordKind, string];
        const shown = canonicalData(records.kept(kind, id)?.versions[0]?.data ?? null);
        const writers = new Set(writes.map((w) => w.device));
        if (writers.size === 1)
          expect(shown, `${key} written on one device`).toBe((writes.at(-1) as { value: string | null }).value ?? 'null');
        else
          expect(
            writes.map((w) => w.value ?? 'null'),
            `${key} shows a value someone wrote`,
          ).toContain(shown);
      }
    }

    // Nothing dropped unseen: every version ever written is kept, or included in one kept.
    const kept = recordStore(first.device.store.db, () => true);
    for (const version of versionsInCloud(sim)) {
      const versions = kept.kept(version.kind, version.id)?.versions ?? [];
      expect(
        versions.some((v) => dominates(v, version)),
        `${version.kind} ${version.id} ${version.stamp}`,
      ).toBe(true);
    }
  } finally {
    closeSimulation(sim);
  }
}

describe('team folder convergence', () => {
  it('every device ends with the same records and conflicts, whatever the delivery and clocks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 5 }),
        fc.array(fc.integer({ min: -6 * HOUR, max: 6 * HOUR }), { minLength: 5, maxLength: 5 }),
        fc.array(action, { minLength: 20, maxLength: 80 }),
        (count, skews, actions) => run(count, skews, actions),
      ),
      { numRuns: Number(process.env.RECERT_SYNC_RUNS ?? 20) },
    );
  }, 240_000);
});
