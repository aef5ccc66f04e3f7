import type { Activity } from '../domain/records';
import { fromHundredths, fromThousandths, toHundredths, toThousandths } from './amounts';
import type { Db } from './open';
import { pushTo } from '../group-by';

interface ActivityRow {
  id: string;
  person_id: string;
  title: string;
  provider: string;
  approval: Activity['approval'];
  approval_code: string | null;
  completed: string;
  ceu_thousandths: number | null;
  contact_hour_hundredths: number | null;
  petition_status: 'pending' | 'approved' | 'denied' | null;
  petition_filed: string | null;
  petition_decided: string | null;
  category: string | null;
}

interface LinkRow {
  activity_id: string;
  credential_id: string;
}

function toActivity(row: ActivityRow, credentialIds: string[]): Activity {
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

function toParams(activity: Activity) {
  return {
    id: activity.id,
    personId: activity.personId,
    title: activity.title,
    provider: activity.provider,
    approval: activity.approval,
    approvalCode: activity.approvalCode,
    completed: activity.completed,
    ceuThousandths: activity.ceus === null ? null : toThousandths(activity.ceus),
    contactHourHundredths: activity.contactHours === null ? null : toHundredths(activity.contactHours),
    petitionStatus: activity.petition?.status ?? null,
    petitionFiled: activity.petition?.filed ?? null,
    petitionDecided: activity.petition?.decided ?? null,
    category: activity.category,
  };
}

/** The same values in the order of INSERT_COLUMNS, for the bulk insert (bound by position). */
function toRow(activity: Activity): unknown[] {
  const p = toParams(activity);
  return [
    p.id,
    p.personId,
    p.title,
    p.provider,
    p.approval,
    p.approvalCode,
    p.completed,
    p.ceuThousandths,
    p.contactHourHundredths,
    p.petitionStatus,
    p.petitionFiled,
    p.petitionDecided,
    p.category,
  ];
}
const INSERT_COLUMNS = `id, person_id, title, provider, approval, approval_code, completed,
  ceu_thousandths, contact_hour_hundredths, petition_status, petition_filed, petition_decided, category`;

function groupLinks(links: LinkRow[]): Map<string, string[]> {
  const byActivity = new Map<string, string[]>();
  for (const link of links) pushTo(byActivity, link.activity_id, link.credential_id);
  return byActivity;
}

/** A course's credential ids in one column, U+001F-separated (ids hold no control characters). */
const LINKED = `(SELECT group_concat(ac.credential_id, char(31)) FROM activity_credentials ac WHERE ac.activity_id = a.id) AS credential_ids`;

const COLUMNS = `a.id, a.person_id, a.title, a.provider, a.approval, a.approval_code, a.completed, a.ceu_thousandths,
  a.contact_hour_hundredths, a.petition_status, a.petition_filed, a.petition_decided, a.category`;

export function activitiesRepository(db: Db) {
  // A person's courses with their credential ids in one pass, in record order straight from the activities_by_person index, as arrays: the
  // course log of a busy trainer can hold 100,000 of them.
  const byPersonRaw = db
    .prepare<[string], unknown[]>(`SELECT ${COLUMNS}, ${LINKED} FROM activities a WHERE a.person_id = ? ORDER BY a.rowid`)
    .raw(true);
  const byCredential = db.prepare<[string], ActivityRow>(
    `SELECT ${COLUMNS} FROM activity_credentials ac JOIN activities a ON a.id = ac.activity_id
     WHERE ac.credential_id = ? ORDER BY a.rowid`,
  );
  const all = db.prepare<[], ActivityRow>(`SELECT ${COLUMNS} FROM activities a ORDER BY a.rowid`);
  const credentialOrder = db.prepare<[string], string>('SELECT id FROM credentials WHERE person_id = ? ORDER BY rowid').pluck();
  const byId = db.prepare<[string], ActivityRow>(`SELECT ${COLUMNS} FROM activities a WHERE a.id = ?`);
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
  const linksOfActivity = db.prepare<[string], LinkRow>(
    `SELECT ac.activity_id, ac.credential_id FROM activity_credentials ac
     JOIN credentials c ON c.id = ac.credential_id WHERE ac.activity_id = ? ORDER BY c.rowid`,
  );
  const insert = db.prepare(`INSERT INTO activities (id, person_id, title, provider, approval, approval_code, completed,
      ceu_thousandths, contact_hour_hundredths, petition_status, petition_filed, petition_decided, category)
    VALUES (@id, @personId, @title, @provider, @approval, @approvalCode, @completed,
      @ceuThousandths, @contactHourHundredths, @petitionStatus, @petitionFiled, @petitionDecided, @category)`);
  const update = db.prepare(`UPDATE activities SET title = @title, provider = @provider, approval = @approval,
      approval_code = @approvalCode, completed = @completed, ceu_thousandths = @ceuThousandths,
      contact_hour_hundredths = @contactHourHundredths, petition_status = @petitionStatus,
      petition_filed = @petitionFiled, petition_decided = @petitionDecided, category = @category WHERE id = @id`);
  const remove = db.prepare<[string]>('DELETE FROM activities WHERE id = ?');
  const link = db.prepare<[string, string]>('INSERT INTO activity_credentials (activity_id, credential_id) VALUES (?, ?)');
  // Many rows to a statement for imports: one call into SQLite per hundred courses instead of per
  // course (100,000 courses and 150,000 links: 1.45 → 0.95 s).
  const ROWS_PER_INSERT = 100;
  const placeholders = (rows: number, columns: number) =>
    Array.from({ length: rows }, () => `(${Array.from({ length: columns }, () => '?').join(', ')})`).join(', ');
  const insertRows = db.prepare(`INSERT INTO activities (${INSERT_COLUMNS}) VALUES ${placeholders(ROWS_PER_INSERT, 13)}`);
  const linkRows = db.prepare(`INSERT INTO activity_credentials (activity_id, credential_id) VALUES ${placeholders(ROWS_PER_INSERT, 2)}`);
  const unlinkAll = db.prepare<[string]>('DELETE FROM activity_credentials WHERE activity_id = ?');

  // The course log's default order: by completion date either way, ties in the order added (rowid).
  const pageAscending = db
    .prepare<[string, number, number], unknown[]>(
      `SELECT ${COLUMNS}, ${LINKED} FROM activities a WHERE a.person_id = ? ORDER BY a.completed, a.rowid LIMIT ? OFFSET ?`,
    )
    .raw(true);
  const pageDescending = db
    .prepare<[string, number, number], unknown[]>(
      `SELECT ${COLUMNS}, ${LINKED} FROM activities a WHERE a.person_id = ? ORDER BY a.completed DESC, a.rowid LIMIT ? OFFSET ?`,
    )
    .raw(true);
  const rowidsAscending = db
    .prepare<[string], number>('SELECT rowid FROM activities WHERE person_id = ? ORDER BY completed, rowid')
    .pluck();
  const rowidsDescending = db
    .prepare<[string], number>('SELECT rowid FROM activities WHERE person_id = ? ORDER BY completed DESC, rowid')
    .pluck();
  const byRowidsRaw = db
    .prepare<[string], unknown[]>(
      `SELECT ${COLUMNS}, ${LINKED}, a.rowid FROM activities a WHERE a.rowid IN (SELECT value FROM json_each(?))`,
    )
    .raw(true);
  const countOfPerson = db.prepare<[string], number>('SELECT count(*) FROM activities WHERE person_id = ?').pluck();
  const countOfAll = db.prepare<[], number>('SELECT count(*) FROM activities').pluck();

  /** A person's credentials by position, to put each course's credential ids in credential order. */
  function credentialRank(personId: string): Map<string, number> {
    return new Map(credentialOrder.all(personId).map((id, i) => [id, i]));
  }

  /** A raw row of COLUMNS and the joined credential ids (column 13) as a course. */
  function fromRaw(r: unknown[], rank: Map<string, number>): Activity {
    const ids = r[13] as string | null;
    const credentialIds = ids ? ids.split('\u001f') : [];
    if (credentialIds.length > 1) credentialIds.sort((x, y) => (rank.get(x) ?? 0) - (rank.get(y) ?? 0));
    const status = r[9] as ActivityRow['petition_status'];
    const ceu = r[7] as number | null;
    const hours = r[8] as number | null;
    return {
      id: r[0] as string,
      personId: r[1] as string,
      title: r[2] as string,
      provider: r[3] as string,
      approval: r[4] as Activity['approval'],
      approvalCode: r[5] as string | null,
      completed: r[6] as string,
      ceus: ceu === null ? null : fromThousandths(ceu),
      contactHours: hours === null ? null : fromHundredths(hours),
      petition: status ? { status, filed: r[10] as string | null, decided: r[11] as string | null } : null,
      category: r[12] as string | null,
      credentialIds,
    };
  }

  function withLinks(rows: ActivityRow[], links: LinkRow[]): Activity[] {
    const byActivity = groupLinks(links);
    return rows.map((row) => toActivity(row, byActivity.get(row.id) ?? []));
  }

  return {
    listByPerson(personId: string): Activity[] {
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
    pageByDate(personId: string, direction: 'asc' | 'desc', offset: number, limit: number): Activity[] {
      const order = credentialRank(personId);
      return (direction === 'asc' ? pageAscending : pageDescending).all(personId, limit, offset).map((r) => fromRaw(r, order));
    },
    /** The row ids of a person's courses in that same order: the deep pages are read by them. */
    rowidsByDate(personId: string, direction: 'asc' | 'desc'): number[] {
      return (direction === 'asc' ? rowidsAscending : rowidsDescending).all(personId);
    },
    /** The courses of these row ids, in the order given (ids of deleted rows are skipped). */
    byRowids(personId: string, rowids: readonly number[]): Activity[] {
      const order = credentialRank(personId);
      const found = new Map(byRowidsRaw.all(JSON.stringify(rowids)).map((r) => [r[14] as number, r]));
      return rowids.flatMap((rowid) => {
        const r = found.get(rowid);
        return r ? [fromRaw(r, order)] : [];
      });
    },
    listByCredential(credentialId: string): Activity[] {
      const rows = byCredential.all(credentialId);
      const personId = rows[0]?.person_id;
      return personId ? withLinks(rows, linksOfPerson.all(personId)) : [];
    },
    listAll(): Activity[] {
      return withLinks(all.all(), allLinks.all());
    },
    get(id: string): Activity | undefined {
      const row = byId.get(id);
      return row
        ? toActivity(
            row,
            linksOfActivity.all(id).map((l) => l.credential_id),
          )
        : undefined;
    },
    /** Call inside a transaction: the row and its links are one write. */
    insert(activity: Activity): void {
      insert.run(toParams(activity));
      for (const credentialId of activity.credentialIds) link.run(activity.id, credentialId);
    },
    /** Call inside a transaction: the rows and their links are one write. The same as `insert` for each, in bulk. */
    insertMany(activities: readonly Activity[]): void {
      const full = activities.length - (activities.length % ROWS_PER_INSERT);
      for (let start = 0; start < full; start += ROWS_PER_INSERT) {
        const values: unknown[] = [];
        for (let i = start; i < start + ROWS_PER_INSERT; i++) values.push(...toRow(activities[i] as Activity));
        insertRows.run(values);
      }
      for (let i = full; i < activities.length; i++) insert.run(toParams(activities[i] as Activity));
      // The links gathered straight into one flat list per statement: a pair per link, sliced and
      // flattened, took 75–80 ms of JavaScript for 150,000 links, this 12 ms.
      let pairs: string[] = [];
      for (const activity of activities) {
        for (const credentialId of activity.credentialIds) {
          pairs.push(activity.id, credentialId);
          if (pairs.length === ROWS_PER_INSERT * 2) {
            linkRows.run(pairs);
            pairs = [];
          }
        }
      }
      for (let i = 0; i < pairs.length; i += 2) link.run(pairs[i] as string, pairs[i + 1] as string);
    },
    /** Call inside a transaction: the row and its links are one write. */
    update(activity: Activity): void {
      update.run(toParams(activity));
      unlinkAll.run(activity.id);
      for (const credentialId of activity.credentialIds) link.run(activity.id, credentialId);
    },
    delete(id: string): boolean {
      return remove.run(id).changes > 0;
    },
  };
}
