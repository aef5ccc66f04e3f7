import type { Course } from '../domain/records';
import { fromHundredths, fromThousandths, toHundredths, toThousandths } from './amounts';
import type { Db } from './open';
import { pushTo } from '../group-by';
import { COURSE_COLUMNS, ofPersonByRowid, placesOf, selectList, type CourseRow, type RawRow } from './course-columns';

interface LinkRow {
  activity_id: string;
  credential_id: string;
}

function toCourse(row: CourseRow, credentialIds: string[]): Course {
  return {
    id: row.id,
    personId: row.person_id,
    title: row.title,
    provider: row.provider,
    approval: row.approval,
    approvalCode: row.approval_code,
    completed: row.completed,
    ceus: row.ceu_thousandths === null ? null : fromThousandths(row.ceu_thousandths),
    contactHours: row.contact_hour_hundredths === null ? null : fromHundredths(row.contact_hour_hundredths),
    petition: row.petition_status ? { status: row.petition_status, filed: row.petition_filed, decided: row.petition_decided } : null,
    category: row.category,
    credentialIds,
  };
}

function toRow(course: Course): CourseRow {
  return {
    id: course.id,
    person_id: course.personId,
    title: course.title,
    provider: course.provider,
    approval: course.approval,
    approval_code: course.approvalCode,
    completed: course.completed,
    ceu_thousandths: course.ceus === null ? null : toThousandths(course.ceus),
    contact_hour_hundredths: course.contactHours === null ? null : toHundredths(course.contactHours),
    petition_status: course.petition?.status ?? null,
    petition_filed: course.petition?.filed ?? null,
    petition_decided: course.petition?.decided ?? null,
    category: course.category,
  };
}

function groupLinks(links: LinkRow[]): Map<string, string[]> {
  const byCourse = new Map<string, string[]>();
  for (const link of links) pushTo(byCourse, link.activity_id, link.credential_id);
  return byCourse;
}

/**
 * A course as the log reads it, as an array: its columns, its credential ids in one text
 * (U+001F-separated: ids hold no control characters), and where asked its rowid.
 */
interface ReadRow extends CourseRow {
  credential_ids: string | null;
  rowid: number;
}
const READ = [...COURSE_COLUMNS, 'credential_ids'] as const;
const READ_WITH_ROWID = [...READ, 'rowid'] as const;
type Raw = RawRow<ReadRow, typeof READ>;
const AT = placesOf(READ_WITH_ROWID);
const READ_EXPRESSIONS = {
  credential_ids: '(SELECT group_concat(ac.credential_id, char(31)) FROM activity_credentials ac WHERE ac.activity_id = a.id)',
  rowid: 'a.rowid',
};
const COLUMNS = selectList(COURSE_COLUMNS).join(', ');
const READ_COLUMNS = selectList(READ, READ_EXPRESSIONS).join(', ');
const READ_COLUMNS_WITH_ROWID = selectList(READ_WITH_ROWID, READ_EXPRESSIONS).join(', ');
/** Written by name: each column from the row's field of that name. */
const INSERT_COLUMNS = COURSE_COLUMNS.join(', ');
const INSERT_VALUES = COURSE_COLUMNS.map((column) => `@${column}`).join(', ');
const UPDATE_SET = COURSE_COLUMNS.filter((column) => column !== 'id' && column !== 'person_id')
  .map((column) => `${column} = @${column}`)
  .join(', ');

export function coursesRepository(db: Db) {
  // A person's courses with their credential ids in one pass, in record order, as arrays: the
  // course log of a busy trainer can hold 100,000 of them.
  const byPersonRaw = db
    .prepare<[string], Raw>(`SELECT ${READ_COLUMNS} FROM activities a WHERE ${ofPersonByRowid()} ORDER BY a.rowid`)
    .raw(true);
  // Through the credential's person: the links are keyed by course first.
  const byCredential = db.prepare<[string, string], CourseRow>(
    `SELECT ${COLUMNS} FROM activities a JOIN activity_credentials ac ON ac.activity_id = a.id AND ac.credential_id = ?
     WHERE ${ofPersonByRowid()} ORDER BY a.rowid`,
  );
  const personOf = db.prepare<[string], string>('SELECT person_id FROM credentials WHERE id = ?').pluck();
  const all = db.prepare<[], CourseRow>(`SELECT ${COLUMNS} FROM activities a ORDER BY a.rowid`);
  const credentialOrder = db.prepare<[string], string>('SELECT id FROM credentials WHERE person_id = ? ORDER BY rowid').pluck();
  const byId = db.prepare<[string], CourseRow>(`SELECT ${COLUMNS} FROM activities a WHERE a.id = ?`);
  // Links in credential insertion order, so that credentialIds come back in a stable order.
  const linksOfPerson = db.prepare<[string], LinkRow>(
    `SELECT ac.activity_id, ac.credential_id FROM activities a
     JOIN activity_credentials ac ON ac.activity_id = a.id
     JOIN credentials c ON c.id = ac.credential_id
     WHERE a.person_id = ? ORDER BY c.rowid`,
  );
  const allLinks = db.prepare<[], LinkRow>(
    `SELECT ac.activity_id, ac.credential_id FROM activity_credentials ac
     JOIN credentials c ON c.id = ac.credential_id ORDER BY c.rowid`,
  );
  const linksOfCourse = db.prepare<[string], LinkRow>(
    `SELECT ac.activity_id, ac.credential_id FROM activity_credentials ac
     JOIN credentials c ON c.id = ac.credential_id WHERE ac.activity_id = ? ORDER BY c.rowid`,
  );
  const insert = db.prepare<[CourseRow]>(`INSERT INTO activities (${INSERT_COLUMNS}) VALUES (${INSERT_VALUES})`);
  const update = db.prepare<[CourseRow]>(`UPDATE activities SET ${UPDATE_SET} WHERE id = @id`);
  const remove = db.prepare<[string]>('DELETE FROM activities WHERE id = ?');
  const link = db.prepare<[string, string]>('INSERT INTO activity_credentials (activity_id, credential_id) VALUES (?, ?)');
  // Many rows to a statement for imports: one call into SQLite per hundred courses instead of per
  // course, so a large import makes far fewer calls.
  const ROWS_PER_INSERT = 100;
  const placeholders = (rows: number, columns: number) =>
    Array.from({ length: rows }, () => `(${Array.from({ length: columns }, () => '?').join(', ')})`).join(', ');
  const insertRows = db.prepare(
    `INSERT INTO activities (${INSERT_COLUMNS}) VALUES ${placeholders(ROWS_PER_INSERT, COURSE_COLUMNS.length)}`,
  );
  const linkRows = db.prepare(`INSERT INTO activity_credentials (activity_id, credential_id) VALUES ${placeholders(ROWS_PER_INSERT, 2)}`);
  const unlinkAll = db.prepare<[string]>('DELETE FROM activity_credentials WHERE activity_id = ?');

  // The course log's default order: by completion date either way, ties in the order added (rowid).
  const pageAscending = db
    .prepare<[string, number, number], Raw>(
      `SELECT ${READ_COLUMNS} FROM activities a WHERE a.person_id = ? ORDER BY a.completed, a.rowid LIMIT ? OFFSET ?`,
    )
    .raw(true);
  const pageDescending = db
    .prepare<[string, number, number], Raw>(
      `SELECT ${READ_COLUMNS} FROM activities a WHERE a.person_id = ? ORDER BY a.completed DESC, a.rowid LIMIT ? OFFSET ?`,
    )
    .raw(true);
  const rowidsAscending = db
    .prepare<[string], number>('SELECT rowid FROM activities WHERE person_id = ? ORDER BY completed, rowid')
    .pluck();
  const rowidsDescending = db
    .prepare<[string], number>('SELECT rowid FROM activities WHERE person_id = ? ORDER BY completed DESC, rowid')
    .pluck();
  const byRowidsRaw = db
    .prepare<[string], RawRow<ReadRow, typeof READ_WITH_ROWID>>(
      `SELECT ${READ_COLUMNS_WITH_ROWID} FROM activities a WHERE a.rowid IN (SELECT value FROM json_each(?))`,
    )
    .raw(true);
  const countOfPerson = db.prepare<[string], number>('SELECT count(*) FROM activities WHERE person_id = ?').pluck();
  const countOfAll = db.prepare<[], number>('SELECT count(*) FROM activities').pluck();

  /** A person's credentials by position, to put each course's credential ids in credential order. */
  function credentialRank(personId: string): Map<string, number> {
    return new Map(credentialOrder.all(personId).map((id, i) => [id, i]));
  }

  /** A course read as an array (READ) as a course, its credential ids in the person's credential order. */
  function fromRaw(r: readonly [...Raw, ...unknown[]], rank: Map<string, number>): Course {
    const ids = r[AT.credential_ids];
    const credentialIds = ids ? ids.split('\u001f') : [];
    if (credentialIds.length > 1) credentialIds.sort((x, y) => (rank.get(x) ?? 0) - (rank.get(y) ?? 0));
    const status = r[AT.petition_status];
    const ceu = r[AT.ceu_thousandths];
    const hours = r[AT.contact_hour_hundredths];
    return {
      id: r[AT.id],
      personId: r[AT.person_id],
      title: r[AT.title],
      provider: r[AT.provider],
      approval: r[AT.approval],
      approvalCode: r[AT.approval_code],
      completed: r[AT.completed],
      ceus: ceu === null ? null : fromThousandths(ceu),
      contactHours: hours === null ? null : fromHundredths(hours),
      petition: status ? { status, filed: r[AT.petition_filed], decided: r[AT.petition_decided] } : null,
      category: r[AT.category],
      credentialIds,
    };
  }

  function withLinks(rows: CourseRow[], links: LinkRow[]): Course[] {
    const byCourse = groupLinks(links);
    return rows.map((row) => toCourse(row, byCourse.get(row.id) ?? []));
  }

  return {
    listByPerson(personId: string): Course[] {
      const order = credentialRank(personId);
      return byPersonRaw.all(personId).map((r) => fromRaw(r, order));
    },
    /** How many courses the store holds. */
    countAll(): number {
      return countOfAll.get() ?? 0;
    },
    /** How many courses a person has. */
    countByPerson(personId: string): number {
      return countOfPerson.get(personId) ?? 0;
    },
    /**
     * One page of a person's courses by completion date, ties in the order they were added (the
     * course log's default order), read with OFFSET: cheap for the first pages only.
     */
    pageByDate(personId: string, direction: 'asc' | 'desc', offset: number, limit: number): Course[] {
      const order = credentialRank(personId);
      return (direction === 'asc' ? pageAscending : pageDescending).all(personId, limit, offset).map((r) => fromRaw(r, order));
    },
    /** The row ids of a person's courses in that same order: the deep pages are read by them. */
    rowidsByDate(personId: string, direction: 'asc' | 'desc'): number[] {
      return (direction === 'asc' ? rowidsAscending : rowidsDescending).all(personId);
    },
    /** The courses of these row ids, in the order given (ids of deleted rows are skipped). */
    byRowids(personId: string, rowids: readonly number[]): Course[] {
      const order = credentialRank(personId);
      const found = new Map(byRowidsRaw.all(JSON.stringify(rowids)).map((r) => [r[AT.rowid], r]));
      return rowids.flatMap((rowid) => {
        const r = found.get(rowid);
        return r ? [fromRaw(r, order)] : [];
      });
    },
    listByCredential(credentialId: string): Course[] {
      const personId = personOf.get(credentialId);
      return personId ? withLinks(byCredential.all(credentialId, personId), linksOfPerson.all(personId)) : [];
    },
    listAll(): Course[] {
      return withLinks(all.all(), allLinks.all());
    },
    get(id: string): Course | undefined {
      const row = byId.get(id);
      return row
        ? toCourse(
            row,
            linksOfCourse.all(id).map((l) => l.credential_id),
          )
        : undefined;
    },
    /** Call inside a transaction: the row and its links are one write. */
    insert(course: Course): void {
      insert.run(toRow(course));
      for (const credentialId of course.credentialIds) link.run(course.id, credentialId);
    },
    /** Call inside a transaction: the rows and their links are one write. The same as `insert` for each, in bulk. */
    insertMany(courses: readonly Course[]): void {
      const full = courses.length - (courses.length % ROWS_PER_INSERT);
      for (let start = 0; start < full; start += ROWS_PER_INSERT) {
        const values: unknown[] = [];
        for (let i = start; i < start + ROWS_PER_INSERT; i++) {
          const row = toRow(courses[i] as Course);
          for (const column of COURSE_COLUMNS) values.push(row[column]);
        }
        insertRows.run(values);
      }
      for (let i = full; i < courses.length; i++) insert.run(toRow(courses[i] as Course));
      // The links gathered straight into one flat list per statement: a pair per link, sliced and
      // flattened, made arrays for nothing and took far longer.
      let pairs: string[] = [];
      for (const course of courses) {
        for (const credentialId of course.credentialIds) {
          pairs.push(course.id, credentialId);
          if (pairs.length === ROWS_PER_INSERT * 2) {
            linkRows.run(pairs);
            pairs = [];
          }
        }
      }
      for (let i = 0; i < pairs.length; i += 2) link.run(pairs[i] as string, pairs[i + 1] as string);
    },
    /** Call inside a transaction: the row and its links are one write. */
    update(course: Course): void {
      update.run(toRow(course));
      unlinkAll.run(course.id);
      for (const credentialId of course.credentialIds) link.run(course.id, credentialId);
    },
    delete(id: string): boolean {
      return remove.run(id).changes > 0;
    },
  };
}
