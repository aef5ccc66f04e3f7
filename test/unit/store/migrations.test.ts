import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion, migrations } from '../../../main/core/store/migrations';
import { migrate, openStore, StoreOpenError } from '../../../main/core/store';
import { tempDir } from '../../helpers/context';

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
      'people',
      'rule_set_overrides',
      'settings',
    ]);
    const strict = db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND strict = 1 ORDER BY name").all() as {
      name: string;
    }[];
    expect(strict.map((r) => r.name)).toHaveLength(8);
    db.close();
  });

  it('sets WAL, foreign keys and synchronous FULL on a file database', () => {
    const db = openStore(join(newFolder(), 'recert.sqlite3'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  it('numbers migrations in tens, strictly increasing', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    for (const v of versions) expect(v % 10).toBe(0);
  });

  it('upgrades step by step and keeps the data written at each step', () => {
    const file = join(newFolder(), 'recert.sqlite3');
    const first = openStore(file, { upTo: 10 });
    expect(first.pragma('user_version', { simple: true })).toBe(10);
    expect(tableNames(first)).not.toContain('rule_set_overrides');
    first.prepare("INSERT INTO people (id, name) VALUES ('p1', 'Dana Rivera')").run();
    first.close();

    const second = openStore(file);
    expect(second.pragma('user_version', { simple: true })).toBe(20);
    expect(second.prepare('SELECT name FROM people').pluck().all()).toEqual(['Dana Rivera']);
    second.prepare("INSERT INTO rule_set_overrides (rule_set, parameters) VALUES ('nasm-cpt', '{}')").run();
    second.close();
  });

  it('runs all pending migrations in one transaction: a failing one leaves the version and schema as they were', () => {
    const file = join(newFolder(), 'recert.sqlite3');
    openStore(file, { upTo: 10 }).close();
    const db = new Database(file);
    const broken = [
      ...migrations,
      {
        version: 30,
        name: 'broken',
        up: (d: Database.Database) => d.exec('CREATE TABLE nope (x INTEGER) STRICT; SELECT * FROM missing_table;'),
      },
    ];
    expect(() => migrate(db, 30, broken)).toThrow(/missing_table/);
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

describe('query plans use the indexes the screens need', () => {
  const db = openStore(':memory:');
  function plan(sql: string): string {
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
  }

  it.each([
    ['active people by name (staff list)', 'SELECT * FROM people WHERE active = 1 ORDER BY name COLLATE NOCASE', 'people_by_active_name'],
    ["a person's credentials", "SELECT * FROM credentials WHERE person_id = 'p'", 'credentials_by_person'],
    ["a person's courses in record order", "SELECT * FROM activities WHERE person_id = 'p' ORDER BY rowid", 'activities_by_person'],
    [
      "a credential's courses",
      "SELECT activity_id FROM activity_credentials WHERE credential_id = 'c'",
      'activity_credentials_by_credential',
    ],
    ["a person's CPR/AED cards", "SELECT * FROM cpr_aed_cards WHERE person_id = 'p'", 'cpr_aed_cards_by_person'],
    ["a course's certificates", "SELECT * FROM attachments WHERE activity_id = 'a'", 'attachments_by_activity'],
    ["a card's photos", "SELECT * FROM attachments WHERE cpr_aed_card_id = 'k'", 'attachments_by_card'],
    ['whether a stored file is still referenced', "SELECT count(*) FROM attachments WHERE sha256 = 'x'", 'attachments_by_sha256'],
  ])('%s', (_name, sql, index) => {
    const detail = plan(sql);
    expect(detail).toContain(`USING`);
    expect(detail).toContain(index);
    expect(detail).not.toMatch(/SCAN (people|credentials|activities|cpr_aed_cards|attachments)\b(?! USING)/);
    expect(detail).not.toContain('USE TEMP B-TREE');
  });
});
