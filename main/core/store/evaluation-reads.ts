import type { CourseFacts } from '../domain/verdict';
import type { Db } from './open';
import { pushTo } from '../group-by';
import { ofPersonByRowid, placesOf, selectList, type CourseRow, type RawRow } from './course-columns';

/**
 * What the engine reads of a course: the columns of its facts, its credential ids in one text, and
 * whether it has a certificate. Credential ids come as one string separated by U+001F (ids never
 * contain control characters: the contract and the records file refuse them), read by primary-key
 * lookups inside SQLite rather than as a second result set.
 */
interface FactsRow extends CourseRow {
  credential_ids: string | null;
  has_certificate: 0 | 1;
}
const FACTS = [
  'credential_ids',
  'id',
  'title',
  'provider',
  'approval_code',
  'approval',
  'completed',
  'ceu_thousandths',
  'contact_hour_hundredths',
  'petition_status',
  'category',
] as const satisfies readonly (keyof FactsRow)[];
const EVIDENCED = [...FACTS, 'has_certificate'] as const;
type FactsTuple = RawRow<FactsRow, typeof FACTS>;
type EvidencedRow = RawRow<FactsRow, typeof EVIDENCED>;
const AT = placesOf(EVIDENCED);

const ID_SEPARATOR = '\u001f';
const LINKS = '(SELECT group_concat(ac.credential_id, char(31)) FROM activity_credentials ac WHERE ac.activity_id = a.id)';
const COURSE_COLUMNS = selectList(FACTS, { credential_ids: LINKS });

/**
 * The rows of `FROM …` as one JSON array of arrays, in record order (rowid). The order is asked of
 * a subquery, which reads in that order already (the table, or the person's entries of an index on
 * person_id, which follow rowid) and so sorts nothing; its rows become the array as they come
 * (test/unit/store/evaluation-reads.test.ts holds that order: the verdict lists courses in it).
 * An ORDER BY inside json_group_array sorted them anyway, a cost every large cycle paid.
 */
function jsonRowsInRecordOrder(columns: readonly string[], from: string): string {
  const names = columns.map((_, i) => `c${i}`);
  const aliased = columns.map((column, i) => `${column} AS ${names[i]}`);
  return `SELECT json_group_array(json_array(${names.join(', ')})) FROM (SELECT ${aliased.join(', ')} ${from} ORDER BY a.rowid)`;
}

/** A row as the engine's facts. */
function factsOf(row: readonly [...FactsTuple, ...unknown[]], hasCertificate: boolean): CourseFacts {
  return {
    id: row[AT.id],
    title: row[AT.title],
    provider: row[AT.provider],
    approvalCode: row[AT.approval_code],
    approval: row[AT.approval],
    completed: row[AT.completed],
    ceuThousandths: row[AT.ceu_thousandths],
    contactHourHundredths: row[AT.contact_hour_hundredths],
    petitionStatus: row[AT.petition_status],
    category: row[AT.category],
    hasCertificate,
  };
}

/** Rows in record order, grouped by the credentials they count toward. */
function byCredential<Row extends [...FactsTuple, ...unknown[]]>(
  rows: Row[],
  hasCertificate: (row: Row) => boolean,
): Map<string, CourseFacts[]> {
  const grouped = new Map<string, CourseFacts[]>();
  for (const row of rows) {
    const linked = row[AT.credential_ids];
    if (linked === null) continue;
    const facts = factsOf(row, hasCertificate(row));
    for (const credentialId of linked.split(ID_SEPARATOR)) pushTo(grouped, credentialId, facts);
  }
  return grouped;
}

/**
 * Everyone's courses as the engine sees them, grouped by the credential they count toward, in
 * record order. Raw (array) rows, each course read once: the staff view evaluates everyone at once,
 * so this is the hot read (see the benchmark in test/bench).
 */
export function evaluationReads(db: Db) {
  // As one JSON text that SQLite writes and JSON.parse reads, like the windowed read below.
  const allCourses = db.prepare<[], string>(jsonRowsInRecordOrder(COURSE_COLUMNS, 'FROM activities a')).pluck();
  const allEvidenced = db.prepare<[], string>('SELECT DISTINCT activity_id FROM attachments WHERE activity_id IS NOT NULL').pluck();
  return {
    courseFactsByCredential(): Map<string, CourseFacts[]> {
      const evidenced = new Set(allEvidenced.all());
      const rows = JSON.parse(allCourses.get() ?? '[]') as FactsTuple[];
      return byCredential(rows, (row) => evidenced.has(row[AT.id]));
    },
  };
}

/**
 * One person's courses of a window, and the petitions outside it: the private store queries of the
 * read model (main/core/standing), which alone may use them (eslint.config.js says so) and holds
 * them to the plain evaluation of every record (test/unit/read-model.property.test.ts).
 */
export function standingReads(db: Db) {
  // Through the person's courses in record order, keeping those of the window: a cycle's courses are
  // spread over the whole table, and reading them by date jumps from page to page. They come as one
  // JSON text that SQLite writes and JSON.parse reads, which a process that has not read them before
  // (the first dashboard after starting) does faster than rows. Titles and providers only when the
  // rules compare them (see `comparesTitles`): they are most of a row's text.
  const between = (expressions: Partial<Record<(typeof EVIDENCED)[number], string>>) =>
    db
      .prepare<[string, string, string], string>(
        jsonRowsInRecordOrder(
          selectList(EVIDENCED, { has_certificate: 'EXISTS (SELECT 1 FROM attachments f WHERE f.activity_id = a.id)', ...expressions }),
          `FROM activities a WHERE ${ofPersonByRowid('completed BETWEEN ? AND ?')}`,
        ),
      )
      .pluck();
  // The approval code goes with them: R13 compares it before the title.
  const untitled = { title: "''", provider: "''", approval_code: 'NULL' };
  const personBetween = { titled: between({ credential_ids: LINKS }), untitled: between({ credential_ids: LINKS, ...untitled }) };
  // Through the partial index of petitioned courses: a tenth of a person's courses at most, usually none.
  const petitionsOutside = db
    .prepare<[string, string, string], [string, number]>(
      `SELECT ac.credential_id, count(*) FROM activities a INDEXED BY activities_petitioned
       JOIN activity_credentials ac ON ac.activity_id = a.id
       WHERE a.person_id = ? AND a.petition_status IS NOT NULL AND NOT (a.completed BETWEEN ? AND ?)
       GROUP BY ac.credential_id`,
    )
    .raw(true);

  return {
    /**
     * One person's courses completed from `from` to `to` (inclusive), by credential, in record order.
     * `withTitles` false: titles and providers come as empty text (for rules that do not compare them).
     */
    personCourseFactsBetween(personId: string, from: string, to: string, options: { withTitles: boolean }): Map<string, CourseFacts[]> {
      const read = options.withTitles ? personBetween.titled : personBetween.untitled;
      const rows = JSON.parse(read.get(personId, from, to) ?? '[]') as EvidencedRow[];
      return byCredential(rows, (row) => row[AT.has_certificate] === 1);
    },
    /** Per credential, how many of one person's petitioned courses (a petition recorded) fall outside `from`–`to`. */
    petitionsOutside(personId: string, from: string, to: string): Map<string, number> {
      return new Map(petitionsOutside.all(personId, from, to));
    },
  };
}
