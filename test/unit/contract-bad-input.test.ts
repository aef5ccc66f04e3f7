import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeBackup } from '../../main/core/backup/write';
import { TEAM_FOLDER_KEY } from '../../main/core/service/team-folder';
import { ATTACHMENTS_FOLDER } from '../../main/core/data-dir';
import { writeKind } from '../../main/core/service/writes';
import { methodNames, type MethodName } from '../../preload/contract';
import { VARIANTS, writeCorpus } from '../helpers/certificates';
import { freshContext, rowCounts, tempDir } from '../helpers/context';
import { seed, snapshot, tinyPdf, type Seeded } from '../helpers/seed';

type Seed = Seeded & { jobId: string; inboxId: string };

type Fixture = {
  /** A valid input, given the seeded ids. */
  valid(s: Seed): Record<string, unknown>;
  /** Fields whose absence must be refused. */
  required: string[];
  /** Fields that name a stored record. */
  ids: string[];
};

const personFields = { name: 'Sam Lee', email: 'sam@example.org', employeeId: 'E-7' };
const credentialFields = {
  ruleSet: 'nasm-cpt',
  number: 'NASM-9',
  expires: '2027-03-31',
  cycleStart: '2025-04-01',
  applicationSubmitted: '2027-03-01',
  applicationAccepted: '2027-03-10',
  auditNoticeReceived: '2027-03-15',
  documentsSent: '2027-03-20',
};
const courseFields = (s: Seeded) => ({
  title: 'Kettlebell Basics',
  provider: 'Approved Co',
  approval: 'approved-provider',
  approvalCode: 'AP-1',
  completed: '2026-03-01',
  ceus: 0.5,
  credentialIds: [s.credentialId],
});
const cardFields = { provider: 'Red Cross', completed: '2026-01-01', expires: '2028-01-01', adultCpr: true, aed: true, handsOn: false };
const owner = (s: Seeded) => ({ kind: 'course', id: s.courseId });
const rosterCsv =
  'Name,E-mail,Employee ID,Credential,Certification number,Expiration date\nSam Lee,sam@example.org,E-9,NASM-CPT,NASM-9,3/31/2027\n';

const emptyRecords = Buffer.from('{"format":"recert-records/1","people":[]}').toString('base64');
const courseCsv = 'Title,Provider,Date completed,CEUs\nKettlebell Basics,Approved Co,3/1/2026,0.5\n';
/** A real backup of a seeded store, made once: restoring it is the valid input of restoreBackup. */
let backupBase64 = '';
/** A course certificate with text, made once: reading it is the valid input of scanCertificate. */
let certificateBase64 = '';
beforeAll(async () => {
  const [certificate] = await writeCorpus(tempDir(), VARIANTS.slice(0, 1));
  certificateBase64 = readFileSync(certificate?.pdf ?? '').toString('base64');
  const source = freshContext();
  try {
    seed(source);
    const out = join(tempDir(), 'backup.zip');
    await writeBackup({ db: source.store.db, attachmentsDir: join(source.dataDir, ATTACHMENTS_FOLDER), out });
    backupBase64 = readFileSync(out).toString('base64');
  } finally {
    source.dispose();
  }
});

/** The data folder joined to a team folder (the setting a join leaves), for the methods that need one. */
function joined<T>(input: T): T {
  if (context && !context.store.settings.get(TEAM_FOLDER_KEY)) {
    const folder = tempDir('recert-team-');
    context.store.transaction(() => context.store.settings.set(TEAM_FOLDER_KEY, folder));
  }
  return input;
}

const OWN_DEVICE = 'aaaaaaaaaaaaaaaa';
const OTHER_DEVICE = 'bbbbbbbbbbbbbbbb';
/** The seeded course changed on two devices, as a sync leaves it: two versions side by side. */
function plantConflict(courseId: string): void {
  const db = context.store.db;
  const state = { device: OWN_DEVICE, name: 'Front desk', scope: 'everyone', clock: { wall: 0, counter: 0 }, nextSeq: 1 };
  const full = { ...state, snapshotSeq: 0, salt: 'c2FsdHNhbHRzYWx0', folder: null, received: {}, last: null };
  db.prepare("INSERT OR REPLACE INTO sync_state (key, value) VALUES ('device', ?)").run(JSON.stringify(full));
  const { id: _id, ...row } = db.prepare('SELECT * FROM activities WHERE id = ?').get(courseId) as Record<string, unknown>;
  const stamp = (device: string, wall: number) => `${String(wall).padStart(15, '0')}-000000-${device}`;
  const version = (device: string, wall: number, title: string) => ({
    device,
    stamp: stamp(device, wall),
    vector: { [device]: stamp(device, wall) },
    data: { ...row, title, credential_ids: [] },
  });
  const versions = [version(OTHER_DEVICE, 2, 'Kettlebell L1 (retake)'), version(OWN_DEVICE, 1, 'Kettlebell Level 2')];
  db.prepare("INSERT OR REPLACE INTO sync_records (kind, id, person, versions, conflicted) VALUES ('course', ?, ?, ?, 1)").run(
    courseId,
    row.person_id,
    JSON.stringify(versions),
  );
}

const fixtures: Record<MethodName, Fixture> = {
  listPeople: { valid: () => ({ includeInactive: true }), required: [], ids: [] },
  getPerson: { valid: (s) => ({ id: s.personId }), required: ['id'], ids: ['id'] },
  createPerson: { valid: () => personFields, required: ['name'], ids: [] },
  updatePerson: { valid: (s) => ({ id: s.personId, ...personFields, active: false }), required: ['id', 'name', 'active'], ids: ['id'] },
  deletePerson: { valid: (s) => ({ id: s.personId }), required: ['id'], ids: ['id'] },
  listRuleSets: { valid: () => ({}), required: [], ids: [] },
  listCredentials: { valid: (s) => ({ personId: s.personId }), required: ['personId'], ids: ['personId'] },
  getCredential: { valid: (s) => ({ id: s.credentialId }), required: ['id'], ids: ['id'] },
  createCredential: {
    valid: (s) => ({ personId: s.personId, ...credentialFields }),
    required: ['personId', 'ruleSet', 'expires'],
    ids: ['personId'],
  },
  updateCredential: { valid: (s) => ({ id: s.credentialId, ...credentialFields }), required: ['id', 'ruleSet', 'expires'], ids: ['id'] },
  deleteCredential: { valid: (s) => ({ id: s.credentialId }), required: ['id'], ids: ['id'] },
  recordApplication: {
    valid: (s) => ({ credentialId: s.credentialId, applicationSubmitted: '2027-03-01' }),
    required: ['credentialId', 'applicationSubmitted'],
    ids: ['credentialId'],
  },
  acceptRecertification: {
    valid: (s) => ({ credentialId: s.credentialId, applicationAccepted: null }),
    required: ['credentialId', 'applicationAccepted'],
    ids: ['credentialId'],
  },
  recordAuditNotice: {
    valid: (s) => ({ credentialId: s.credentialId, auditNoticeReceived: '2027-05-01' }),
    required: ['credentialId', 'auditNoticeReceived'],
    ids: ['credentialId'],
  },
  markDocumentsSent: {
    valid: (s) => ({ credentialId: s.credentialId, documentsSent: null }),
    required: ['credentialId', 'documentsSent'],
    ids: ['credentialId'],
  },
  queryCourseLog: {
    valid: (s) => ({
      personId: s.personId,
      credentialId: s.credentialId,
      approval: 'nasm',
      cycle: 'current',
      search: 'x',
      sort: { key: 'title', direction: 'asc' },
      offset: 0,
      limit: 50,
      asOf: '2026-11-21',
    }),
    required: ['personId', 'offset', 'limit'],
    ids: ['personId', 'credentialId'],
  },
  listCourses: {
    valid: (s) => ({ personId: s.personId, credentialId: s.credentialId }),
    required: ['personId'],
    ids: ['personId', 'credentialId'],
  },
  getCourse: { valid: (s) => ({ id: s.courseId }), required: ['id'], ids: ['id'] },
  createCourse: {
    valid: (s) => ({ personId: s.personId, ...courseFields(s) }),
    required: ['personId', 'title', 'provider', 'approval', 'completed', 'credentialIds'],
    ids: ['personId', 'credentialIds'],
  },
  updateCourse: {
    valid: (s) => ({ id: s.courseId, ...courseFields(s) }),
    required: ['id', 'title', 'provider', 'approval', 'completed', 'credentialIds'],
    ids: ['id', 'credentialIds'],
  },
  deleteCourse: { valid: (s) => ({ id: s.courseId }), required: ['id'], ids: ['id'] },
  describePetitionFee: {
    valid: (s) => ({ personId: s.personId, credentialIds: [s.credentialId] }),
    required: ['personId', 'credentialIds'],
    ids: ['personId', 'credentialIds'],
  },
  listCprAedCards: { valid: (s) => ({ personId: s.personId }), required: ['personId'], ids: ['personId'] },
  getCprAedCard: { valid: (s) => ({ id: s.cardId }), required: ['id'], ids: ['id'] },
  createCprAedCard: {
    valid: (s) => ({ personId: s.personId, ...cardFields }),
    required: ['personId', 'provider', 'completed', 'expires', 'adultCpr', 'aed', 'handsOn'],
    ids: ['personId'],
  },
  updateCprAedCard: {
    valid: (s) => ({ id: s.cardId, ...cardFields }),
    required: ['id', 'provider', 'completed', 'expires', 'adultCpr', 'aed', 'handsOn'],
    ids: ['id'],
  },
  deleteCprAedCard: { valid: (s) => ({ id: s.cardId }), required: ['id'], ids: ['id'] },
  listAttachments: { valid: (s) => ({ owner: owner(s) }), required: ['owner'], ids: ['owner'] },
  addAttachment: {
    valid: (s) => ({ owner: owner(s), fileName: 'scan.pdf', contentBase64: tinyPdf.toString('base64') }),
    required: ['owner', 'fileName', 'contentBase64'],
    ids: ['owner'],
  },
  removeAttachment: { valid: (s) => ({ id: s.attachmentId }), required: ['id'], ids: ['id'] },
  evaluateCredential: {
    valid: (s) => ({ credentialId: s.credentialId, asOf: '2026-11-21' }),
    required: ['credentialId'],
    ids: ['credentialId'],
  },
  evaluatePerson: { valid: (s) => ({ personId: s.personId, asOf: '2026-11-21' }), required: ['personId'], ids: ['personId'] },
  evaluateEveryone: { valid: () => ({ asOf: '2026-11-21', includeInactive: true }), required: [], ids: [] },
  getRuleSet: { valid: () => ({ id: 'nasm-cpt' }), required: ['id'], ids: ['id'] },
  startPacketExport: {
    valid: (s) => ({ credentialId: s.credentialId, asOf: '2026-11-21' }),
    required: ['credentialId'],
    ids: ['credentialId'],
  },
  getPacketExport: { valid: (s) => ({ jobId: s.jobId }), required: ['jobId'], ids: ['jobId'] },
  cancelPacketExport: { valid: (s) => ({ jobId: s.jobId }), required: ['jobId'], ids: ['jobId'] },
  showPacketInFolder: { valid: (s) => ({ jobId: s.jobId }), required: ['jobId'], ids: ['jobId'] },
  updateRuleSetOverride: {
    valid: () => ({ ruleSet: 'nasm-cpt', cprAedWaiver: { from: '2020-03-01', until: '2021-08-31' } }),
    required: ['ruleSet', 'cprAedWaiver'],
    ids: [],
  },
  getAuditChecklist: {
    valid: (s) => ({ credentialId: s.credentialId, asOf: '2026-11-21' }),
    required: ['credentialId'],
    ids: ['credentialId'],
  },
  getSettings: { valid: () => ({}), required: [], ids: [] },
  getTeamView: { valid: () => ({ asOf: '2026-11-21' }), required: [], ids: [] },
  getTeamOverview: { valid: () => ({ asOf: '2026-11-21' }), required: [], ids: [] },
  getTeamPage: {
    valid: () => ({ filter: 'compliant', search: 'dana', sort: 'name', descending: true, offset: 0, limit: 50, asOf: '2026-11-21' }),
    required: ['offset', 'limit'],
    ids: [],
  },
  getTeamMatrix: { valid: () => ({ cprAed: 'ok', audit: 'none', asOf: '2026-11-21' }), required: [], ids: [] },
  getTeamUpcoming: { valid: () => ({ status: 'in-progress', days: 90 }), required: ['days'], ids: [] },
  exportTeamReport: { valid: () => ({ format: 'csv', asOf: '2026-11-21' }), required: ['format'], ids: [] },
  previewRoster: { valid: () => ({ csvText: rosterCsv }), required: ['csvText'], ids: [] },
  importRoster: { valid: () => ({ csvText: rosterCsv }), required: ['csvText'], ids: [] },
  getTeamFolder: { valid: () => ({}), required: [], ids: [] },
  joinTeamFolder: {
    valid: () => ({ folder: tempDir('recert-team-'), scope: 'everyone', name: 'Front desk', passphrase: 'river stone lamp orbit' }),
    required: ['folder', 'scope', 'name', 'passphrase'],
    ids: ['scope'],
  },
  syncTeamFolder: { valid: () => joined({}), required: [], ids: [] },
  setTeamPassphrase: { valid: () => joined({ passphrase: 'river stone lamp orbit' }), required: ['passphrase'], ids: [] },
  leaveTeamFolder: { valid: () => joined({}), required: [], ids: [] },
  resolveTeamConflict: {
    valid: (s) => {
      if (context) plantConflict(s.courseId);
      return { kind: 'course', id: s.courseId, keep: OWN_DEVICE };
    },
    required: ['kind', 'id', 'keep'],
    ids: [],
  },
  chooseTeamFolder: { valid: () => ({}), required: [], ids: [] },
  getReminderSettings: { valid: () => ({}), required: [], ids: [] },
  updateReminderSettings: {
    valid: () => ({ leadTimes: { 'nasm-cpt': [90, 30, 7], 'cpr-aed': [30] }, notifications: true, calendarFile: null }),
    required: [],
    ids: [],
  },
  exportCalendar: { valid: (s) => ({ personId: s.personId }), required: [], ids: ['personId'] },
  getUpcoming: { valid: (s) => ({ personId: s.personId, days: 90 }), required: [], ids: ['personId'] },
  getBackups: { valid: () => ({}), required: [], ids: [] },
  backUpNow: { valid: () => ({}), required: [], ids: [] },
  checkMyData: { valid: () => ({}), required: [], ids: [] },
  removeUnusedFiles: { valid: () => ({}), required: [], ids: [] },
  getBackupWarning: { valid: () => ({}), required: [], ids: [] },
  setSecondPlace: { valid: () => ({ folder: null }), required: ['folder'], ids: [] },
  chooseSecondPlace: { valid: () => ({}), required: [], ids: [] },
  setBackupPassphrase: {
    valid: () => ({ passphrase: 'river stone lamp orbit', again: 'river stone lamp orbit' }),
    required: ['passphrase', 'again'],
    ids: [],
  },
  clearBackupPassphrase: { valid: () => ({}), required: [], ids: [] },
  getRecoverySheet: { valid: () => ({}), required: [], ids: [] },
  restoreListedBackup: {
    // The seeded store's backup, put in the data folder's backups/ as one Settings lists.
    valid: () => {
      // Also called with stand-in ids to learn the input's shape, before any context exists.
      if (!context) return { place: 'here', name: 'manual-listed.zip' };
      mkdirSync(join(context.dataDir, 'backups'), { recursive: true });
      writeFileSync(join(context.dataDir, 'backups', 'manual-listed.zip'), Buffer.from(backupBase64, 'base64'));
      return { place: 'here', name: 'manual-listed.zip' };
    },
    required: ['place', 'name'],
    ids: [],
  },
  testMyBackups: { valid: () => ({}), required: [], ids: [] },
  updateSettings: { valid: () => ({ theme: 'dark' }), required: ['theme'], ids: [] },
  previewRecordsImport: {
    valid: () => ({ fileName: 'records.json', contentBase64: emptyRecords }),
    required: ['fileName', 'contentBase64'],
    ids: [],
  },
  applyRecordsImport: {
    valid: () => ({ fileName: 'records.json', contentBase64: emptyRecords }),
    required: ['fileName', 'contentBase64'],
    ids: [],
  },
  exportRecordsBundle: { valid: (s) => ({ personId: s.personId }), required: [], ids: ['personId'] },
  previewCourseCsv: {
    valid: (s) => ({ personId: s.personId, credentialIds: [s.credentialId], csvText: courseCsv, mapping: { approvalCode: -1 } }),
    required: ['personId', 'csvText'],
    ids: ['personId'],
  },
  importCourseCsv: {
    valid: (s) => ({ personId: s.personId, credentialIds: [s.credentialId], csvText: courseCsv, mapping: { approvalCode: -1 } }),
    required: ['personId', 'csvText'],
    ids: ['personId'],
  },
  exportCourseLogCsv: { valid: (s) => ({ personId: s.personId, credentialId: s.credentialId }), required: ['personId'], ids: ['personId'] },
  restoreBackup: {
    valid: () => ({ fileName: 'backup.zip', contentBase64: backupBase64 }),
    required: ['fileName', 'contentBase64'],
    ids: [],
  },
  getScanProgress: { valid: () => ({}), required: [], ids: [] },
  scanCertificate: {
    valid: () => ({ fileName: 'ces.pdf', contentBase64: certificateBase64, form: 'course' }),
    required: ['fileName', 'contentBase64', 'form'],
    ids: [],
  },
  getInbox: { valid: () => ({}), required: [], ids: [] },
  getIntakeProgress: { valid: () => ({}), required: [], ids: [] },
  readIntoInbox: {
    valid: (s) => ({ fileName: 'ces.pdf', contentBase64: certificateBase64, personId: s.personId }),
    required: ['fileName', 'contentBase64'],
    ids: ['personId'],
  },
  correctInboxItem: {
    valid: (s) => ({ id: s.inboxId, correction: { personId: s.personId, title: 'Corrective Exercise', completed: '2026-02-02' } }),
    required: ['id', 'correction'],
    ids: ['id'],
  },
  fileInboxItems: { valid: (s) => ({ ids: [s.inboxId] }), required: ['ids'], ids: [] },
  dismissInboxItems: { valid: (s) => ({ ids: [s.inboxId] }), required: ['ids'], ids: [] },
};

const DATE_FIELDS = [
  'expires',
  'cycleStart',
  'applicationSubmitted',
  'applicationAccepted',
  'auditNoticeReceived',
  'documentsSent',
  'completed',
  'asOf',
];

function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'twelve';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'not a list';
  return 'not an object';
}

let context: ReturnType<typeof freshContext>;
let seeded: Seed;
const PACKET_METHODS = ['getPacketExport', 'cancelPacketExport', 'showPacketInFolder'];
const INBOX_METHODS = ['correctInboxItem', 'fileInboxItems', 'dismissInboxItems'];

beforeEach(async (test) => {
  context = freshContext();
  const ids = seed(context);
  seeded = { ...ids, jobId: 'x-no-job', inboxId: 'in-none' };
  // Tests of the inbox's methods need a file in the inbox (read once: only for them).
  const testName = `${test.task.suite?.name ?? ''} ${test.task.name}`;
  if (INBOX_METHODS.some((m) => testName.includes(m))) {
    const read = await context.dispatch('readIntoInbox', { fileName: 'ces.pdf', contentBase64: certificateBase64 });
    if (!read.ok) throw new Error(`could not read into the inbox: ${JSON.stringify(read)}`);
    seeded.inboxId = (read.value as { id: string }).id;
  }
  // Tests of the packet-export methods need an export to refer to (a worker thread: only for them).
  const name = `${test.task.suite?.name ?? ''} ${test.task.name}`;
  if (!PACKET_METHODS.some((m) => name.includes(m))) return;
  const started = await context.dispatch('startPacketExport', { credentialId: ids.credentialId, asOf: '2026-11-21' });
  if (!started.ok || !started.value) throw new Error(`could not start a packet export: ${JSON.stringify(started)}`);
  seeded.jobId = (started.value as { jobId: string }).jobId;
});
afterEach(() => context.dispose());

/** Calls the method and checks the refusal: ok false, the field named, nothing stored changed. */
async function expectRefused(method: MethodName, input: unknown, field: string | null, code = 'invalid-input') {
  const countsBefore = rowCounts(context);
  const before = snapshot(context);
  const result = await context.dispatch(method, input);
  expect(result.ok, `${method} accepted ${JSON.stringify(input)?.slice(0, 200)}`).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  if (field !== null) {
    expect(result.error.field ?? '', `${method}: ${result.error.message}`).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}`));
    expect(result.error.message).toContain(field);
  }
  expect(rowCounts(context)).toEqual(countsBefore);
  expect(snapshot(context)).toBe(before);
}

describe('every contract method has a fixture', () => {
  it('covers exactly the contract', async () => {
    expect(Object.keys(fixtures).sort()).toEqual([...methodNames].sort());
  });

  // And is marked as a write where it is defined (service/writes.ts) if it changed the data: a
  // statement that changed rows (even to the same values), or the data replaced by a restore.
  it.each(methodNames)('%s accepts its valid input, and is marked if it changed the data', async (method) => {
    if (PACKET_METHODS.includes(method)) await context.packets.finished(seeded.jobId);
    const kind = writeKind(context.service[method]);
    const store = context.store;
    const changes = () => store.db.prepare('SELECT total_changes() AS n').pluck().get() as number;
    const settings = () => JSON.stringify(store.db.prepare('SELECT * FROM settings ORDER BY key').all());
    const [changesBefore, before, settingsBefore] = [changes(), snapshot(context), settings()];
    const result = await context.dispatch(method, fixtures[method].valid(seeded));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const replaced = context.store !== store;
    const changed = replaced || changes() !== changesBefore;
    if (changed) expect(kind, `${method} changed the data but is not marked writes() or keeps()`).not.toBeNull();
    // What a method marked keeps() changes is settings alone: the rest must read as before.
    if (kind === 'keeps' && !replaced)
      expect(snapshot(context).replace(settings(), ''), `${method} is marked keeps() but changed more than settings`).toBe(
        before.replace(settingsBefore, ''),
      );
  });
});

/** A bad input for one method and the field its refusal must name. */
interface BadCase {
  name: string;
  input(s: Seed): unknown;
  field: string | null;
  code?: string;
}

/** A seed with stand-in ids: fixtures' keys and value types do not depend on the real ids. */
const shapeSeed: Seed = { personId: 'p', credentialId: 'c', courseId: 'a', cardId: 'k', attachmentId: 'f', jobId: 'j', inboxId: 'i' };

/** Only the cases that apply to a method's input: no case generated that could pass without asserting. */
function badCases(method: MethodName): BadCase[] {
  const fixture = fixtures[method];
  const shape = fixture.valid(shapeSeed);
  const keys = Object.keys(shape);
  const withValid = (change: (valid: Record<string, unknown>) => unknown) => (s: Seed) => change(fixture.valid(s));
  const cases: BadCase[] = [
    { name: 'a number instead of an object', input: () => 42, field: null },
    { name: 'text instead of an object', input: () => 'input', field: null },
    { name: 'an unknown extra field', input: withValid((v) => ({ ...v, sneaky: true })), field: 'sneaky' },
  ];
  for (const key of keys) {
    cases.push({ name: `${key} of the wrong type`, input: withValid((v) => ({ ...v, [key]: wrongTypeFor(v[key]) })), field: key });
  }
  for (const key of fixture.required) {
    cases.push({ name: `${key} missing`, input: withValid(({ [key]: _removed, ...rest }) => rest), field: key });
  }
  if (fixture.required.length > 0) cases.push({ name: 'no input at all', input: () => undefined, field: null });
  for (const key of keys.filter((k) => DATE_FIELDS.includes(k))) {
    for (const bad of ['2026-02-30', '2026-13-01', '31/03/2027', '', '2026-1-5', '0000-00-00']) {
      cases.push({ name: `${key} = "${bad}"`, input: withValid((v) => ({ ...v, [key]: bad })), field: key });
    }
  }
  if ('ceus' in shape) {
    for (const bad of [0, -0.5, 100.001, 101, 1e9, 0.0001, Number.NaN]) {
      cases.push({ name: `ceus = ${bad}`, input: withValid((v) => ({ ...v, ceus: bad })), field: 'ceus' });
    }
    for (const bad of [0, -1, 1000.01, 0.001]) {
      cases.push({
        name: `contactHours = ${bad}`,
        input: withValid(({ ceus: _ceus, ...rest }) => ({ ...rest, contactHours: bad })),
        field: 'contactHours',
      });
    }
    cases.push({ name: 'both ceus and contactHours', input: withValid((v) => ({ ...v, contactHours: 19 })), field: 'contactHours' });
    cases.push({ name: 'neither ceus nor contactHours', input: withValid(({ ceus: _ceus, ...rest }) => rest), field: 'ceus' });
  }
  for (const key of keys.filter((k) => typeof shape[k] === 'string')) {
    cases.push({ name: `${key} of 1 MB`, input: withValid((v) => ({ ...v, [key]: 'x'.repeat(1024 * 1024) })), field: key });
  }
  for (const key of fixture.ids) {
    if (key === 'credentialIds') {
      cases.push({
        name: 'an unknown credential id',
        input: withValid((v) => ({ ...v, credentialIds: ['c-unknown'] })),
        field: 'credentialIds[0]',
        code: 'not-found',
      });
    } else if (key === 'owner') {
      cases.push({
        name: 'an unknown owner',
        input: withValid((v) => ({ ...v, owner: { kind: 'cpr-aed-card', id: 'k-unknown' } })),
        field: 'owner.id',
        code: 'not-found',
      });
    } else
      cases.push({ name: `an unknown ${key}`, input: withValid((v) => ({ ...v, [key]: 'unknown-id' })), field: key, code: 'not-found' });
  }
  return cases;
}

describe.each(methodNames)('%s refuses bad input', (method) => {
  it.each(badCases(method))('$name', async ({ input, field, code }) => {
    await expectRefused(method, input(seeded), field, code);
  });
});

describe('cross-field rules', () => {
  it('refuses a petition on a course that is not petitioned', async () => {
    const valid = fixtures.createCourse.valid(seeded);
    await expectRefused('createCourse', { ...valid, petition: { status: 'pending', filed: '2026-03-02', decided: null } }, 'petition');
  });
  it('refuses a card that expires before it was completed', async () => {
    await expectRefused('createCprAedCard', { ...fixtures.createCprAedCard.valid(seeded), expires: '2025-12-31' }, 'expires');
  });
  it('refuses an unknown rule set with the list of known ones', async () => {
    const result = await context.dispatch('createCredential', { ...fixtures.createCredential.valid(seeded), ruleSet: 'made-up' });
    expect(result).toMatchObject({ ok: false, error: { field: 'ruleSet' } });
    expect(!result.ok && result.error.message).toMatch(/nasm-cpt/);
  });
  it("refuses to count a course toward another person's credential", async () => {
    const other = await context.dispatch('createPerson', { name: 'Other' });
    if (!other.ok) throw new Error('seed failed');
    const otherValue = other.value as { id: string };
    const valid = fixtures.createCourse.valid(seeded);
    await expectRefused('createCourse', { ...valid, personId: otherValue.id }, 'credentialIds[0]', 'not-found');
  });
  it('refuses an empty or unsupported certificate file with a message that says what to do', async () => {
    const valid = fixtures.addAttachment.valid(seeded);
    await expectRefused('addAttachment', { ...valid, contentBase64: '' }, 'contentBase64');
    await expectRefused('addAttachment', { ...valid, contentBase64: Buffer.from('just some text').toString('base64') }, 'contentBase64');
    const result = await context.dispatch('addAttachment', { ...valid, contentBase64: Buffer.from('GIF89a....').toString('base64') });
    expect(!result.ok && result.error.message).toMatch(/PDF, JPEG, PNG or HEIC/);
  });
  it('refuses an unknown method', async () => {
    expect(await context.dispatch('dropAllTables', {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
