import { beforeEach, describe, expect, it } from 'vitest';
import type { Course, Credential, CprAedCard, Person } from '../../../preload/contract';
import { openStore, repositories, type Repositories } from '../../../main/core/store';

let store: Repositories;
const dana: Person = { id: 'p1', name: 'Dana Rivera', email: 'dana@example.org', employeeId: 'E-104', active: true };
const credential: Credential = {
  id: 'c1',
  personId: 'p1',
  ruleSet: 'nasm-cpt',
  number: 'NASM-1',
  expires: '2027-03-31',
  cycleStart: null,
  certified: null,
  applicationSubmitted: null,
  applicationAccepted: null,
  auditNoticeReceived: null,
  documentsSent: null,
};
const course: Course = {
  id: 'a1',
  personId: 'p1',
  title: 'Corrective Exercise',
  provider: 'NASM',
  approval: 'petition',
  approvalCode: null,
  completed: '2026-02-01',
  ceus: null,
  contactHours: 7.5,
  petition: { status: 'pending', filed: '2026-02-10', decided: null },
  category: null,
  credentialIds: ['c1'],
};
const card: CprAedCard = {
  id: 'k1',
  personId: 'p1',
  provider: 'Red Cross',
  completed: '2025-06-01',
  expires: '2027-06-01',
  adultCpr: true,
  aed: true,
  handsOn: false,
};

beforeEach(() => {
  store = repositories(openStore(':memory:'));
  store.transaction(() => {
    store.people.insert(dana);
    store.credentials.insert(credential);
    store.courses.insert(course);
    store.cprAedCards.insert(card);
  });
});

describe('people', () => {
  it('lists active people by name, and everyone on request', () => {
    store.people.insert({ ...dana, id: 'p2', name: 'alex Kim', active: false });
    store.people.insert({ ...dana, id: 'p3', name: 'Bea Łukasik', email: null, employeeId: null });
    expect(store.people.list().map((p) => p.name)).toEqual(['Bea Łukasik', 'Dana Rivera']);
    expect(store.people.list(true).map((p) => p.name)).toEqual(['alex Kim', 'Bea Łukasik', 'Dana Rivera']);
    expect(store.people.listInStoreOrder().map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('updates and deletes, cascading to everything the person owns', () => {
    store.people.update({ ...dana, name: 'Dana R.', active: false });
    expect(store.people.get('p1')).toMatchObject({ name: 'Dana R.', active: false });
    expect(store.people.delete('p1')).toBe(true);
    expect(store.credentials.listAll()).toEqual([]);
    expect(store.courses.listAll()).toEqual([]);
    expect(store.cprAedCards.listAll()).toEqual([]);
  });
});

describe('credentials', () => {
  it('round-trips every field', () => {
    const full = {
      ...credential,
      id: 'c2',
      cycleStart: '2025-04-01',
      applicationSubmitted: '2027-03-01',
      applicationAccepted: '2027-03-05',
      auditNoticeReceived: '2027-03-10',
      documentsSent: '2027-03-20',
    };
    store.credentials.insert(full);
    expect(store.credentials.get('c2')).toEqual(full);
    expect(store.credentials.listByPerson('p1').map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('refuses impossible dates even past the contract (CHECK constraints)', () => {
    expect(() => store.credentials.insert({ ...credential, id: 'c3', expires: '2026-02-30' })).toThrow(/CHECK/);
    expect(() => store.credentials.insert({ ...credential, id: 'c3', documentsSent: '2027-01-01' })).toThrow(/CHECK/);
  });
});

describe('courses', () => {
  it('keeps contact hours as entered and the petition', () => {
    expect(store.courses.get('a1')).toEqual(course);
  });

  it('links a course to several credentials of the same person, and only those', () => {
    store.credentials.insert({ ...credential, id: 'c2', ruleSet: 'ace-cpt' });
    store.courses.update({ ...course, credentialIds: ['c1', 'c2'] });
    expect(store.courses.get('a1')?.credentialIds).toEqual(['c1', 'c2']);
    expect(store.courses.listByCredential('c2').map((a) => a.id)).toEqual(['a1']);
    // Every read gives the links in credential order, whatever order they were written in.
    store.courses.update({ ...course, credentialIds: ['c2', 'c1'] });
    expect(store.courses.get('a1')?.credentialIds).toEqual(['c1', 'c2']);
    expect(store.courses.listByPerson('p1')[0]?.credentialIds).toEqual(['c1', 'c2']);
    expect(store.courses.listByPerson('p1')[0]).toEqual(store.courses.get('a1'));

    store.people.insert({ ...dana, id: 'p2', name: 'Other' });
    store.credentials.insert({ ...credential, id: 'c9', personId: 'p2' });
    expect(() => store.transaction(() => store.courses.update({ ...course, credentialIds: ['c9'] }))).toThrow(/same person/);
    expect(store.courses.get('a1')?.credentialIds).toEqual(['c1', 'c2']);
  });

  it('stores CEUs as exact thousandths', () => {
    store.courses.insert({ ...course, id: 'a2', ceus: 0.075, contactHours: null, approval: 'nasm', petition: null });
    const raw = store.db.prepare("SELECT ceu_thousandths FROM activities WHERE id = 'a2'").pluck().get();
    expect(raw).toBe(75);
    expect(store.courses.get('a2')?.ceus).toBe(0.075);
  });

  it('refuses both or neither amount, and a petition on a non-petition course', () => {
    expect(() => store.courses.insert({ ...course, id: 'a3', ceus: 1 })).toThrow(/CHECK/);
    expect(() => store.courses.insert({ ...course, id: 'a3', contactHours: null })).toThrow(/CHECK/);
    expect(() => store.courses.insert({ ...course, id: 'a3', approval: 'nasm' })).toThrow(/CHECK/);
  });

  it('deleting a credential unlinks its courses but keeps them', () => {
    store.credentials.delete('c1');
    expect(store.courses.get('a1')?.credentialIds).toEqual([]);
  });
});

describe('CPR/AED cards and attachments', () => {
  it('round-trips a card and refuses one that expires before completion', () => {
    expect(store.cprAedCards.get('k1')).toEqual(card);
    expect(() => store.cprAedCards.insert({ ...card, id: 'k2', expires: '2025-01-01' })).toThrow(/CHECK/);
  });

  it('attaches a file to exactly one course or card, counting references by hash', () => {
    const sha = 'a'.repeat(64);
    const base = { sha256: sha, fileName: 'card.jpg', mediaType: 'image/jpeg' as const, size: 10 };
    store.attachments.insert({ ...base, id: 'f1', courseId: null, cprAedCardId: 'k1' });
    store.attachments.insert({ ...base, id: 'f2', courseId: 'a1', cprAedCardId: null });
    expect(store.attachments.referencesTo(sha)).toBe(2);
    expect(store.attachments.listByCard('k1').map((a) => a.id)).toEqual(['f1']);
    expect(() => store.attachments.insert({ ...base, id: 'f3', courseId: 'a1', cprAedCardId: 'k1' })).toThrow(/CHECK/);
    expect(() => store.attachments.insert({ ...base, id: 'f4', sha256: '../../etc/passwd', courseId: 'a1', cprAedCardId: null })).toThrow(
      /CHECK/,
    );
    store.courses.delete('a1');
    expect(store.attachments.referencesTo(sha)).toBe(1);
  });
});

describe('settings', () => {
  it('stores JSON values by key', () => {
    expect(store.settings.get('theme')).toBeUndefined();
    store.settings.set('theme', 'dark');
    store.settings.set('theme', 'light');
    expect(store.settings.get('theme')).toBe('light');
  });
});

describe('withIndexesRebuilt', () => {
  const schema = () => store.db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name').all();
  const many = (from: number, count: number): Course[] =>
    Array.from({ length: count }, (_, i) => ({
      ...course,
      id: `bulk-${from + i}`,
      completed: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
    }));

  it('loads the rows with every index back as it was, and the indexes answer for the new rows', () => {
    const before = schema();
    store.transaction(() => store.withIndexesRebuilt(['activities', 'activity_credentials'], () => store.courses.insertMany(many(0, 250))));
    expect(schema()).toEqual(before);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.courses.countByPerson('p1')).toBe(251);
    expect(store.courses.pageByDate('p1', 'desc', 0, 1)[0]?.completed).toBe('2026-03-28');
  });

  it('stores every course with its own credentials, however many statements the links take', () => {
    store.credentials.insert({ ...credential, id: 'c2', number: 'ACE-2' });
    // 0, 1 or 2 credentials a course: 188 links, which is not a whole number of bulk statements.
    const loaded = many(0, 187).map((a, i) => ({ ...a, credentialIds: [['c1', 'c2'], ['c2'], []][i % 3] ?? [] }));
    store.transaction(() => store.courses.insertMany(loaded));
    const stored = new Map(store.courses.listAll().map((a) => [a.id, a.credentialIds]));
    expect(loaded.map((a) => stored.get(a.id))).toEqual(loaded.map((a) => a.credentialIds));
  });

  it('a load that fails rolls back its rows and the dropped indexes alike', () => {
    const before = schema();
    expect(() =>
      store.transaction(() =>
        store.withIndexesRebuilt(['activities', 'activity_credentials'], () => {
          store.courses.insertMany(many(0, 120));
          throw new Error('the file was refused half-way');
        }),
      ),
    ).toThrow('half-way');
    expect(schema()).toEqual(before);
    expect(store.courses.countAll()).toBe(1);
  });

  it('is refused outside a transaction', () => {
    expect(() => store.withIndexesRebuilt(['activities'], () => undefined)).toThrow('inside a transaction');
  });
});
