import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion, migrations } from '../../../main/core/store/migrations';
import { migrate, openStore, repositories, StoreOpenError } from '../../../main/core/store';
import { effectiveRuleSets } from '../../../main/core/evaluation';
import { evaluateWindowed } from '../../../main/core/standing/windowed';
import { standingReads } from '../../../main/core/store/evaluation-reads';
import { loadRuleSets } from '../../../main/core/rules/rulesets';
import { resourcesDir, tempDir } from '../../helpers/context';

const ruleSets = loadRuleSets(join(resourcesDir, 'rulesets'));

const folders: string[] = [];
function newFolder(): string {
  const folder = tempDir('recert-migrations-');
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('migrations', () => {
  it('creates every table on a fresh database, STRICT, at the latest version', () => {
    const db = openStore(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(tableNames(db)).toEqual([
      'activities',
      'activity_credentials',
      'attachments',
      'cpr_aed_cards',
      'credentials',
      'intake_inbox',
      'people',
      'rule_set_overrides',
      'settings',
      'sync_dirty',
      'sync_history',
      'sync_outbox',
      'sync_quiet',
      'sync_records',
      'sync_seen',
      'sync_state',
      'sync_waiting',
    ]);
    const strict = db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND strict = 1 ORDER BY name").all() as {
      name: string;
    }[];
    expect(strict.map((r) => r.name)).toHaveLength(17);
    db.close();
  });

  it('sets WAL, foreign keys and synchronous FULL on a file database', () => {
    const db = openStore(join(newFolder(), 'recert.sqlite3'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  it('numbers migrations strictly increasing (in tens, with numbers slotted in between)', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    for (const v of versions) expect(Number.isInteger(v) && v > 0).toBe(true);
  });

  it('upgrades step by step and keeps the data written at each step', () => {
    const file = join(newFolder(), 'recert.sqlite3');
    const first = openStore(file, { upTo: 10 });
    expect(first.pragma('user_version', { simple: true })).toBe(10);
    expect(tableNames(first)).not.toContain('rule_set_overrides');
    first.prepare("INSERT INTO people (id, name) VALUES ('p1', 'Dana Rivera')").run();
    first.close();

    const second = openStore(file);
    expect(second.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(second.prepare('SELECT name FROM people').pluck().all()).toEqual(['Dana Rivera']);
    second.prepare("INSERT INTO rule_set_overrides (rule_set, parameters) VALUES ('nasm-cpt', '{}')").run();
    second.close();
  });

  it('drops the duplicate course indexes from a folder with courses and keeps its rows, links and verdicts', () => {
    const file = join(newFolder(), 'recert.sqlite3');
    const before = openStore(file, { upTo: 90 });
    const old = repositories(before);
    old.transaction(() => {
      old.people.insert({ id: 'p1', name: 'Dana Rivera', email: null, employeeId: null, active: true });
      for (const [id, ruleSet] of [
        ['c1', 'nasm-cpt'],
        ['c2', 'ace-cpt'],
      ] as const)
        old.credentials.insert({
          id,
          personId: 'p1',
          ruleSet,
          number: null,
          expires: '2027-03-31',
          cycleStart: null,
          certified: null,
          applicationSubmitted: null,
          applicationAccepted: null,
          auditNoticeReceived: null,
          documentsSent: null,
        });
      for (let i = 0; i < 30; i++)
        old.courses.insert({
          id: `a${i}`,
          personId: 'p1',
          title: `Course ${i}`,
          provider: 'NASM',
          approval: 'nasm',
          approvalCode: null,
          completed: `2026-0${1 + (i % 9)}-${String(10 + (i % 17)).padStart(2, '0')}`,
          ceus: 0.5,
          contactHours: null,
          petition: null,
          category: null,
          credentialIds: i % 3 === 0 ? ['c1'] : ['c1', 'c2'],
        });
    });
    const read = (store: ReturnType<typeof repositories>) => ({
      courses: store.courses.listByPerson('p1'),
      second: store.courses.listByCredential('c2').map((a) => a.id),
      verdicts: evaluateWindowed(store, standingReads(store.db), effectiveRuleSets(ruleSets, store), 'p1', '2026-11-21').verdicts,
      window: [...standingReads(store.db).personCourseFactsBetween('p1', '2026-02-01', '2026-06-30', { withTitles: true })].map(
        ([credential, facts]) => [credential, facts.map((f) => f.id)],
      ),
    });
    const was = read(old);
    const indexes = (db: Database.Database) =>
      db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('activities', 'activity_credentials')")
        .pluck()
        .all();
    expect(indexes(before)).toContain('activities_by_person');
    expect(indexes(before)).toContain('activity_credentials_by_credential');
    before.close();

    const after = openStore(file);
    expect(after.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(indexes(after)).not.toContain('activities_by_person');
    expect(indexes(after)).not.toContain('activity_credentials_by_credential');
    expect(read(repositories(after))).toEqual(was);
    expect(was.second).toEqual(was.courses.filter((a) => a.credentialIds.includes('c2')).map((a) => a.id));
    after.close();
  });

  it('runs all pending migrations in one transaction: a failing one leaves the version and schema as they were', () => {
    const file = join(newFolder(), 'recert.sqlite3');
    openStore(file, { upTo: 10 }).close();
    const db = new Database(file);
    const broken = [
      ...migrations,
      {
        version: 40,
        name: 'broken',
        up: (d: Database.Database) => d.exec('CREATE TABLE nope (x INTEGER) STRICT; SELECT * FROM missing_table;'),
      },
    ];
    expect(() => migrate(db, 40, broken)).toThrow(/missing_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(tableNames(db)).not.toContain('rule_set_overrides');
    expect(tableNames(db)).not.toContain('nope');
    db.close();
  });

  it('refuses a database written by a newer version and leaves the file untouched', () => {
    const folder = newFolder();
    const file = join(folder, 'recert.sqlite3');
    const future = new Database(file);
    future.exec('CREATE TABLE people (id TEXT)');
    future.pragma('user_version = 990');
    future.close();
    const before = sha256(file);

    expect(() => openStore(file)).toThrow(StoreOpenError);
    expect(() => openStore(file)).toThrow(/newer version of Recert.*left untouched/);
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not a SQLite database and never overwrites it', () => {
    const file = join(newFolder(), 'recert.sqlite3');
    writeFileSync(file, 'These are my notes, not a database.\n'.repeat(100));
    const before = sha256(file);
    let caught: unknown;
    try {
      openStore(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreOpenError);
    expect((caught as StoreOpenError).code).toBe('not-a-database');
    expect((caught as Error).message).toMatch(/not a Recert database.*left untouched/);
    expect(sha256(file)).toBe(before);
  });
});

describe("query plans of the store's own statements", () => {
  // Every statement the repositories prepare, captured as they prepare them: the plans checked here
  // are those of the SQL that runs, not of copies that could drift from it.
  const db = openStore(':memory:');
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  };
  repositories(db);
  (db as { prepare: unknown }).prepare = prepare;
  const reads = [...new Set(prepared)].filter((sql) => /^\s*SELECT/i.test(sql));

  function plan(sql: string): string {
    // EXPLAIN needs no real values: a literal in each parameter's place gives the same plan.
    const literal = sql.replace(/\?/g, "'x'").replace(/@\w+/g, "'x'");
    return (prepare(`EXPLAIN QUERY PLAN ${literal}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
  }

  /**
   * What each statement may do: the index it must use, or `whole table` for the deliberate full
   * reads (export, everyone's evaluation). A temporary B-tree is allowed only where a reason says why.
   */
  const expectations: [RegExp, string, string?][] = [
    [/FROM people WHERE active = 1 ORDER BY name/, 'people_by_active_name'],
    [/FROM people ORDER BY name/, 'whole table', 'the staff list with inactive people: a small table sorted by name'],
    [/FROM people ORDER BY rowid/, 'whole table'],
    [/FROM people WHERE id = \?/, 'sqlite_autoindex_people_1'],
    [/SELECT EXISTS \(SELECT 1 FROM people\)/, 'sqlite_autoindex_people_1'],
    [/FROM credentials WHERE person_id = \?/, 'credentials_by_person'],
    [/FROM credentials ORDER BY rowid/, 'whole table'],
    [/FROM credentials WHERE id = \?/, 'sqlite_autoindex_credentials_1'],
    // A person's courses in record order: the rowids the index finds, taken in rowid order with no sort.
    [
      /FROM activities a WHERE a\.rowid IN \(SELECT rowid FROM activities WHERE person_id = \?\) ORDER BY a\.rowid/,
      'activities_by_person_completed',
    ],
    // The dashboard: one cycle's courses as one JSON array, in record order with no sort.
    [/WHERE a\.rowid IN \(SELECT rowid FROM activities WHERE person_id = \? AND completed BETWEEN/, 'activities_by_person_completed'],
    [/ORDER BY a\.completed, a\.rowid LIMIT/, 'activities_by_person_completed'],
    [
      /ORDER BY a\.completed DESC, a\.rowid LIMIT/,
      'activities_by_person_completed',
      'the course log by date, newest first: the courses of one day put back in the order they were added',
    ],
    [/SELECT rowid FROM activities WHERE person_id = \? ORDER BY completed, rowid/, 'activities_by_person_completed'],
    [
      /SELECT rowid FROM activities WHERE person_id = \? ORDER BY completed DESC, rowid/,
      'activities_by_person_completed',
      'the same order as row ids for deep pages: the courses of one day put back in the order they were added',
    ],
    [/WHERE a\.rowid IN \(SELECT value FROM json_each/, 'INTEGER PRIMARY KEY'],
    [/SELECT count\(\*\) FROM activities WHERE person_id = \?/, 'activities_by_person_completed'],
    [/SELECT count\(\*\) FROM activities$/, 'whole table'],
    [/FROM sqlite_schema WHERE type = 'index'/, 'whole table'],
    [/WHERE activity_id IN \(SELECT value FROM json_each/, 'attachments_by_activity'],
    [
      /INDEXED BY activities_petitioned/,
      'activities_petitioned',
      'petitions outside the counting windows, counted per credential (a person has one or two)',
    ],
    // One credential's courses in record order (Courses filtered by credential), through its person's.
    [/AND ac\.credential_id = \?\s+WHERE a\.rowid IN/, 'activities_by_person_completed'],
    [/FROM activities a ORDER BY a\.rowid$/, 'whole table'],
    // Everyone's courses as one JSON array, in record order with no sort (the table's order).
    [/FROM activities a ORDER BY a\.rowid\)$/, 'whole table'],
    [/FROM activities a WHERE a\.id = \?/, 'sqlite_autoindex_activities_1'],
    [/WHERE a\.person_id = \? ORDER BY c\.rowid/, 'activities_by_person_completed', "a person's course links in credential order"],
    [
      /JOIN credentials c ON c\.id = ac\.credential_id ORDER BY c\.rowid/,
      'whole table',
      'every link in credential order, for a whole export: the links are keyed by course, so they are sorted',
    ],
    [/WHERE ac\.activity_id = \? ORDER BY c\.rowid/, 'PRIMARY KEY', 'the few credentials of one course'],
    [/FROM cpr_aed_cards WHERE person_id = \?/, 'cpr_aed_cards_by_person'],
    [/FROM cpr_aed_cards ORDER BY rowid/, 'whole table'],
    [/FROM cpr_aed_cards WHERE id = \?/, 'sqlite_autoindex_cpr_aed_cards_1'],
    [/FROM attachments WHERE activity_id = \?/, 'attachments_by_activity'],
    [/FROM attachments WHERE cpr_aed_card_id = \?/, 'attachments_by_card'],
    [/FROM attachments ORDER BY rowid/, 'whole table'],
    [/FROM attachments WHERE id = \?/, 'sqlite_autoindex_attachments_1'],
    [/FROM attachments WHERE sha256 = \?/, 'attachments_by_sha256'],
    [/SELECT DISTINCT cpr_aed_card_id/, 'attachments_by_card'],
    [/SELECT DISTINCT activity_id/, 'attachments_by_activity'],
    [/GROUP BY f\.activity_id/, 'activities_by_person_completed', 'certificate counts per course and card of one person'],
    [/FROM settings WHERE key = \?/, 'sqlite_autoindex_settings_1'],
    [/FROM rule_set_overrides ORDER BY rule_set/, 'sqlite_autoindex_rule_set_overrides_1'],
    [/FROM intake_inbox ORDER BY rowid/, 'whole table'],
    [/FROM intake_inbox WHERE id = \?/, 'sqlite_autoindex_intake_inbox_1'],
    [/FROM intake_inbox WHERE sha256 = \?/, 'intake_inbox_by_sha256'],
  ];

  it('every statement has its expected plan listed here', () => {
    expect(reads.length).toBeGreaterThan(20);
    const unlisted = reads.filter((sql) => expectations.filter(([pattern]) => pattern.test(sql)).length !== 1);
    expect(unlisted, 'each read must match exactly one expectation').toEqual([]);
  });

  it.each(reads.map((sql) => [sql.replace(/\s+/g, ' ').slice(0, 90), sql]))('%s', (_name, sql) => {
    const [, index, tempBTreeReason] = expectations.find(([pattern]) => pattern.test(sql)) ?? [];
    const detail = plan(sql);
    // The first step that reads (an aggregate's sort, or the subquery it reads from, can be listed before it).
    const reading = detail.split('\n').find((step) => !/^(USE TEMP B-TREE|CO-ROUTINE)/.test(step));
    if (index === 'whole table') expect(reading).toMatch(/^SCAN /);
    else {
      expect(detail).toContain(`${index}`);
      expect(reading).toMatch(/^(SEARCH|SCAN \w+ USING (COVERING )?INDEX|SCAN CONSTANT ROW|COMPOUND QUERY)/);
    }
    if (!tempBTreeReason) expect(detail).not.toContain('USE TEMP B-TREE');
  });
});
