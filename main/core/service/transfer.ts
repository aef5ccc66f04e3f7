// Records that move: a trainer's records bundle into a manager's store (previewed, then applied),
// a bundle to send, courses from a CSV file, the course log as CSV, and restoring a backup.
import { rmSync, writeFileSync } from 'node:fs';
import { withPlainFile } from '../backup/decrypted';
import { EncryptionError } from '../backup/encryption';
import { BackupError } from '../backup/restore';
import { basename, join } from 'node:path';
import { openRecords, writeBundle } from '../records-file/bundle';
import { describeImport, describeRows } from '../records-file/describe-import';
import { RecordsFileError } from '../records-file/parse';
import { applyUpdate, PersonConflictError, planUpdate } from '../records-file/update';
import { COURSE_COLUMN_NAMES, COURSE_COLUMN_WORDS, courseLogCsv, planCourseCsv, type CourseColumnMapping } from '../csv/courses';
import { CsvError } from '../csv/table';
import { formatDate } from '../dates';
import { count } from '../domain/plural';
import { problemLines } from '../domain/problems';
import { APPROVAL_TEXT } from '../domain/records';
import type { CourseCsvField, CourseCsvView, FileDelivery, RecordsImportView, RestoreView } from '../domain/views';
import { invalid, ServiceError } from '../errors';
import { newId } from '../ids';
import { courseAmountText } from '../standing';
import { temporaryArea } from '../temporary-area';
import { fileNameSafe } from '../text';
import type { ServiceContext } from './context';
import { deliverFile, deliverWrittenFile } from './deliver';
import { writes } from './writes';

interface Upload {
  fileName: string;
  contentBase64: string;
  /** For a file protected with a passphrase (recognised by its content). */
  passphrase?: string | undefined;
}
interface RecordsUpload extends Upload {
  /** Stored people the person confirmed are the file's person of the same id (the preview's conflicts). */
  samePeople?: string[] | undefined;
}

/** A wrong or missing passphrase, or a damaged encrypted file: said on the passphrase field. */
function passphraseProblem(error: unknown): never {
  if (error instanceof EncryptionError) throw new ServiceError('invalid-input', error.message, 'passphrase');
  throw error;
}
interface CourseCsvInput {
  personId: string;
  credentialIds?: string[] | undefined;
  csvText: string;
  mapping?: Partial<Record<CourseCsvField, number>> | undefined;
}

export function transferService(ctx: ServiceContext) {
  const { store } = ctx;

  /** The upload, written where only this process looks, opened as a records file or bundle. */
  async function withUpload<T>(upload: Upload, use: (opened: Awaited<ReturnType<typeof openRecords>>) => T): Promise<T> {
    const path = join(ctx.exportsDir, `${newId('upload')}.tmp`);
    writeFileSync(path, Buffer.from(upload.contentBase64, 'base64'));
    let opened: Awaited<ReturnType<typeof openRecords>>;
    try {
      opened = await withPlainFile(
        { file: path, temporaryFolder: ctx.exportsDir, passphrase: upload.passphrase ?? null, fileName: upload.fileName },
        (plain) => openRecords(plain, new Set(ctx.ruleSets.map((r) => r.id)), temporaryArea(ctx.dataDir)),
      ).catch(passphraseProblem);
    } catch (error) {
      if (error instanceof RecordsFileError) {
        const json = /(?:^|\.)json$/i.test(upload.fileName);
        const hint =
          json && error.problems.some((p) => p.includes('was not found next to the records file'))
            ? ' A records file alone does not carry its certificates: export a records bundle (.recert) instead.'
            : '';
        // The problems name the file as read, this process's temporary copy: name the person's own file.
        const named = error.problems.map((p) => p.replaceAll(path, upload.fileName).replaceAll(basename(path), upload.fileName));
        throw invalid('contentBase64', `${upload.fileName} cannot be imported:\n${named.join('\n')}${hint}`);
      }
      throw error;
    } finally {
      rmSync(path, { force: true });
    }
    try {
      return use(opened);
    } finally {
      opened.dispose();
    }
  }

  function importView(upload: RecordsUpload, apply: boolean): Promise<RecordsImportView> {
    return withUpload(upload, ({ parsed }) => {
      const names = new Map(ctx.ruleSets.map((r) => [r.id, r.credential]));
      const options = { credentialName: (id: string) => names.get(id) ?? id, samePeople: new Set(upload.samePeople ?? []) };
      let plan;
      try {
        plan = apply
          ? applyUpdate(parsed, store, ctx.files, { ...options, transaction: (write) => ctx.write(write) })
          : planUpdate(parsed, store, options);
      } catch (error) {
        if (error instanceof PersonConflictError)
          throw invalid(
            'samePeople',
            `Nothing was imported: confirm first that each of these is the same person:\n${error.conflicts.map((c) => c.text).join('\n')}`,
          );
        if (error instanceof RecordsFileError)
          return { fileName: upload.fileName, applied: false, lines: [], rows: [], conflicts: [], problems: error.problems };
        throw error;
      }
      return {
        fileName: upload.fileName,
        applied: apply,
        lines: describeImport(plan.preview),
        rows: describeRows(plan.preview),
        conflicts: plan.preview.conflicts,
        problems: [],
      };
    });
  }

  function courseCsvView(input: CourseCsvInput, apply: boolean): CourseCsvView {
    const person = ctx.requirePerson(input.personId, 'personId');
    const credentials = store.credentials.listByPerson(person.id);
    for (const [i, id] of (input.credentialIds ?? []).entries())
      if (!credentials.some((c) => c.id === id)) throw invalid(`credentialIds[${i}]`, `"${id}" is not a credential of ${person.name}`);
    let plan;
    try {
      plan = planCourseCsv(input.csvText, input.mapping as Partial<CourseColumnMapping> | undefined);
    } catch (error) {
      if (error instanceof CsvError) throw invalid('csvText', error.message);
      throw error;
    }
    const columns = COURSE_COLUMN_NAMES.map((field) => ({
      field,
      label: `${COURSE_COLUMN_WORDS[field].charAt(0).toUpperCase()}${COURSE_COLUMN_WORDS[field].slice(1)}`,
      index: plan.mapping[field],
      required: field === 'title' || field === 'provider' || field === 'completed',
    }));
    const rows = plan.rows.map(({ line, course }) => ({
      line,
      title: course.title,
      provider: course.provider,
      completedText: formatDate(course.completed),
      amountText: courseAmountText(course),
      approvalText: APPROVAL_TEXT[course.approval],
    }));
    const view = { header: plan.header, columns, rows, problems: plan.problems, applied: false };
    if (plan.problems.length > 0)
      return { ...view, summaryText: `Nothing can be imported until ${count(plan.problems.length, 'problem is', 'problems are')} fixed.` };
    if (!apply) return { ...view, summaryText: `${count(rows.length, 'course', 'courses')} for ${person.name}.` };
    const credentialIds = [...new Set(input.credentialIds ?? credentials.map((c) => c.id))];
    ctx.write(() => {
      for (const { course } of plan.rows) store.courses.insert({ ...course, id: newId('a'), personId: person.id, credentialIds });
    });
    return { ...view, applied: true, summaryText: `Imported ${count(rows.length, 'course', 'courses')} for ${person.name}.` };
  }

  return {
    previewRecordsImport: (upload: RecordsUpload) => importView(upload, false),
    /** Refused (nothing written) while a conflict of the preview is not confirmed in `samePeople`. */
    applyRecordsImport: writes((upload: RecordsUpload) => importView(upload, true)),
    exportRecordsBundle: ({ personId }: { personId?: string | undefined }): Promise<FileDelivery | null> => {
      const person = personId === undefined ? null : ctx.requirePerson(personId, 'personId');
      const fileName = `${person ? fileNameSafe(person.name).slice(0, 80) : 'Recert records'} - ${formatDate(ctx.today())}.recert`;
      return deliverWrittenFile(ctx, {
        fileName,
        mediaType: 'application/vnd.recert.records+zip',
        write: async (path) => {
          await writeBundle(store, ctx.files, path, person?.id);
        },
      });
    },
    previewCourseCsv: (input: CourseCsvInput): CourseCsvView => courseCsvView(input, false),
    /** All rows or none: a file with any problem writes nothing. */
    importCourseCsv: writes((input: CourseCsvInput): CourseCsvView => {
      const view = courseCsvView(input, true);
      if (!view.applied)
        throw invalid('csvText', `The courses were not imported; fix these and try again:\n${problemLines(view.problems)}`);
      return view;
    }),
    exportCourseLogCsv: ({
      personId,
      credentialId,
    }: {
      personId: string;
      credentialId?: string | undefined;
    }): Promise<FileDelivery | null> => {
      const person = ctx.requirePerson(personId, 'personId');
      const credentials = store.credentials.listByPerson(person.id);
      if (credentialId !== undefined && !credentials.some((c) => c.id === credentialId))
        throw invalid('credentialId', `"${credentialId}" is not a credential of ${person.name}`);
      const courses = credentialId ? store.courses.listByCredential(credentialId) : store.courses.listByPerson(person.id);
      const labels = new Map(
        credentials.map((c) => [c.id, `${ctx.rules().get(c.ruleSet)?.credential ?? c.ruleSet}${c.number ? ` ${c.number}` : ''}`]),
      );
      const certificates = store.attachments.countsOfPerson(person.id);
      const csv = courseLogCsv(
        courses,
        (id) => labels.get(id) ?? id,
        (id) => certificates.get(id) ?? 0,
      );
      return deliverFile(ctx, {
        fileName: `Course log - ${fileNameSafe(person.name).slice(0, 80)} - ${formatDate(ctx.today())}.csv`,
        mediaType: 'text/csv; charset=utf-8',
        bytes: Buffer.from(csv, 'utf8'),
      });
    },
    restoreBackup: writes(async (upload: Upload): Promise<RestoreView> => {
      if (!ctx.restoreData)
        throw new ServiceError('invalid-input', 'Restoring is not available here: close Recert and use `recert restore`.');
      const path = join(ctx.exportsDir, `${newId('backup')}.zip`);
      writeFileSync(path, Buffer.from(upload.contentBase64, 'base64'));
      try {
        return {
          text: await ctx.restoreData(path, {
            passphrase: upload.passphrase ?? ctx.platform.passphrases?.read() ?? null,
            fileName: upload.fileName,
          }),
        };
      } catch (error) {
        if (error instanceof BackupError) throw invalid('contentBase64', error.message.replace(path, upload.fileName));
        passphraseProblem(error);
      } finally {
        rmSync(path, { force: true });
      }
    }),
  };
}
