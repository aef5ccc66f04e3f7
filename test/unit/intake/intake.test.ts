// The intake on real certificate files: each status with its reason, the sure ones filed with their
// files attached in one transaction, nothing written by a dry run or for a file not accepted.
import { copyFileSync, existsSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAccepted } from '../../../main/core/intake/apply';
import { runIntake } from '../../../main/core/intake/run';
import { walkIntakePaths } from '../../../main/core/intake/walk';
import type { IntakeFileReport } from '../../../main/core/domain/intake';
import { stopOcr, useOcrWorkers } from '../../../main/core/scan/ocr';
import { ocrWorkerCount } from '../../../main/core/scan/ocr-workers';
import { freshContext, rowCounts, tempDir } from '../../helpers/context';
import { certificate, variant } from '../../helpers/intake-files';
import { valueNow } from '../../helpers/results';

const dir = tempDir('recert-intake-');
const inbox = join(dir, 'inbox');
afterAll(async () => {
  await stopOcr();
  rmSync(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  await certificate(inbox, 'dana-ces.pdf', 'A', variant(0));
  await certificate(inbox, 'nunez.pdf', 'A', variant(2, { name: 'Nunez, Maria' }));
  await certificate(inbox, 'samuel-card.pdf', 'G', variant(1));
  await certificate(inbox, 'samuel-transcript.pdf', 'P', variant(1));
  await certificate(inbox, 'okafor.pdf', 'A', variant(3));
  await certificate(inbox, 'd-rivera.pdf', 'A', variant(0, { name: 'D. Rivera', title: 'Stretching Basics', completed: '2026-05-02' }));
  await certificate(inbox, 'invoice.pdf', 'T', variant(0));
  await certificate(inbox, 'rivera-number.pdf', 'A', variant(0, { name: 'D. Rivera', title: 'Core Stability', code: 'NASM-123456' }));
  writeFileSync(join(inbox, 'empty.pdf'), '');
  writeFileSync(join(inbox, 'notes.txt'), 'Remember to file these.');
  writeFileSync(join(inbox, 'huge.pdf'), '%PDF-1.4\n');
  truncateSync(join(inbox, 'huge.pdf'), 26 * 1024 * 1024);
  execFileSync('mkfifo', [join(inbox, 'pipe.pdf')]);
  copyFileSync(join(inbox, 'dana-ces.pdf'), join(inbox, 'z-dana-copy.pdf'));
}, 60_000);

function setUp() {
  const context = freshContext({ today: '2026-12-01' });
  const call = <T>(method: string, input: unknown) => valueNow<T & { id: string }>(context.dispatch(method, input) as never);
  const dana = call('createPerson', { name: 'Dana Rivera', email: null, employeeId: 'E-104' });
  const david = call('createPerson', { name: 'David Rivera', email: null, employeeId: null });
  const samuel = call('createPerson', { name: 'Samuel Lee', email: null, employeeId: null });
  const maria = call('createPerson', { name: 'María Núñez', email: null, employeeId: null });
  const cpt = call('createCredential', { personId: dana.id, ruleSet: 'nasm-cpt', number: 'NASM-123456', expires: '2027-03-31' });
  const ace = call('createCredential', { personId: dana.id, ruleSet: 'ace-cpt', number: null, expires: '2027-06-30' });
  const options = {
    store: context.store,
    files: context.files,
    today: '2026-12-01',
    dryRun: false,
    write: <T>(change: () => T) => context.store.transaction(change),
    release: () => undefined,
  };
  const run = Object.assign((paths: string[], dryRun: boolean) => runIntake(walkIntakePaths(paths).files, { ...options, dryRun }), {
    options,
  });
  return { context, dana, david, samuel, maria, cpt, ace, run };
}

const byFile = (files: IntakeFileReport[], name: string) => {
  const found = files.find((f) => f.file.endsWith(`/${name}`));
  if (!found) throw new Error(`${name} not in ${files.map((f) => f.file).join(', ')}`);
  return found;
};

describe('recert intake, the core', () => {
  it('gives every file a status with its reason and never stops at a bad one', async () => {
    const { context, dana, samuel, maria, cpt, ace, run } = setUp();
    try {
      const { files, summary } = await run([inbox], true);
      expect(files.map((f) => f.file.slice(inbox.length + 1))).toEqual([
        'd-rivera.pdf',
        'dana-ces.pdf',
        'empty.pdf',
        'huge.pdf',
        'invoice.pdf',
        'notes.txt',
        'nunez.pdf',
        'okafor.pdf',
        'pipe.pdf',
        'rivera-number.pdf',
        'samuel-card.pdf',
        'samuel-transcript.pdf',
        'z-dana-copy.pdf',
      ]);
      expect(byFile(files, 'dana-ces.pdf')).toMatchObject({
        document: 'course-certificate',
        status: 'proposed',
        reason: null,
        person: dana.id,
        match: { by: 'name', confidence: 0.95 },
        credentials: [cpt.id, ace.id],
        duplicateOf: null,
      });
      expect(byFile(files, 'dana-ces.pdf').records).toMatchObject([
        { kind: 'course', id: null, fields: { title: { value: 'Corrective Exercise Specialist' }, completed: { value: '2026-02-01' } } },
      ]);
      expect(byFile(files, 'rivera-number.pdf')).toMatchObject({
        person: dana.id,
        match: { by: 'certification-number', confidence: 0.97 },
      });
      expect(byFile(files, 'nunez.pdf')).toMatchObject({ status: 'proposed', person: maria.id, match: { by: 'name', confidence: 0.95 } });
      expect(byFile(files, 'samuel-card.pdf')).toMatchObject({ document: 'cpr-aed-card', person: samuel.id, credentials: [] });
      expect(byFile(files, 'samuel-transcript.pdf')).toMatchObject({ document: 'transcript', person: samuel.id });
      expect(byFile(files, 'samuel-transcript.pdf').records).toHaveLength(3);
      expect(byFile(files, 'okafor.pdf')).toMatchObject({ status: 'unmatched', person: null });
      expect(byFile(files, 'okafor.pdf').reason).toMatch(/^No one named "Chris Okafor" is in Recert/);
      expect(byFile(files, 'd-rivera.pdf').reason).toBe('"D. Rivera" could be Dana Rivera or David Rivera: choose who it belongs to.');
      expect(byFile(files, 'empty.pdf')).toMatchObject({ status: 'unreadable', reason: 'The file is empty.', document: 'unknown' });
      expect(byFile(files, 'huge.pdf')).toMatchObject({ status: 'unreadable' });
      expect(byFile(files, 'huge.pdf').reason).toMatch(/26\.0 MB, larger than the 25 MB/);
      expect(byFile(files, 'pipe.pdf').reason).toMatch(/^It is not a regular file/);
      expect(byFile(files, 'notes.txt')).toMatchObject({ status: 'skipped', reason: 'It is not a PDF, JPEG, PNG or HEIC file.' });
      expect(byFile(files, 'invoice.pdf').status).toBe('skipped');
      expect(byFile(files, 'invoice.pdf').reason).toMatch(/does not look like a course certificate/);
      expect(byFile(files, 'z-dana-copy.pdf')).toMatchObject({ status: 'skipped' });
      expect(byFile(files, 'z-dana-copy.pdf').reason).toMatch(/^It is the same file as .*dana-ces\.pdf, earlier in this intake\.$/);
      expect(summary).toEqual({
        files: 13,
        applied: 0,
        proposed: 5,
        alreadyAttached: 0,
        possibleDuplicates: 0,
        unmatched: 2,
        unreadable: 3,
        skipped: 3,
        inInbox: 0,
      });
    } finally {
      context.dispose();
    }
  }, 60_000);

  it('reads as many files at once as there are OCR workers, and lists them in the order given', async () => {
    const { run } = setUp();
    const before = ocrWorkerCount();
    await useOcrWorkers(3);
    try {
      const found = walkIntakePaths([inbox]).files;
      let reading = 0;
      let most = 0;
      const finished: string[] = [];
      const report = await runIntake(found, {
        ...run.options,
        dryRun: true,
        onFile: () => {
          reading++;
          most = Math.max(most, reading);
        },
        onRead: (file) => {
          reading--;
          finished.push(file.file);
        },
      });
      expect(most).toBe(3);
      // The empty, huge and non-certificate files end before the PDFs read beside them, yet the list keeps the given order.
      expect(finished).not.toEqual(found.map((f) => f.file));
      expect(report.files.map((f) => f.file)).toEqual(found.map((f) => f.file));
      expect(report.files.find((f) => f.file.endsWith('z-dana-copy.pdf'))?.reason).toMatch(/same file as .*dana-ces\.pdf/);
    } finally {
      await useOcrWorkers(before);
    }
  }, 60_000);

  it('writes nothing on a dry run, files the sure ones with their files attached, then knows them again', async () => {
    const { context, dana, samuel, run } = setUp();
    try {
      const before = rowCounts(context);
      await run([inbox], true);
      expect(rowCounts(context)).toEqual(before);
      expect(existsSync(context.files.root) ? readdirSync(context.files.root) : []).toEqual([]);

      const { files, summary } = await run([inbox], false);
      expect(summary).toMatchObject({ applied: 5, proposed: 0 });
      const filed = byFile(files, 'dana-ces.pdf');
      expect(filed.status).toBe('applied');
      const id = filed.records[0]?.id ?? '';
      expect(context.store.courses.get(id)).toMatchObject({ personId: dana.id, title: 'Corrective Exercise Specialist', ceus: 1.9 });
      expect(context.store.attachments.listByCourse(id)).toMatchObject([{ fileName: 'dana-ces.pdf', sha256: filed.sha256 }]);
      expect(context.files.has(filed.sha256 ?? '')).toBe(true);
      expect(context.store.courses.listByPerson(samuel.id)).toHaveLength(3);
      expect(context.store.cprAedCards.listByPerson(samuel.id)).toMatchObject([{ provider: 'American Red Cross', adultCpr: true }]);
      // One per course: the transcript's file is attached to each of its three.
      expect(rowCounts(context).attachments).toBe(7);

      // The same files again: stored files are known by their content, a course already logged by its title and date.
      await certificate(join(dir, 'again'), 'dana-b.pdf', 'B', variant(0));
      const again = await run([join(inbox, 'dana-ces.pdf'), join(dir, 'again')], false);
      expect(again.files[0]).toMatchObject({ status: 'already-attached', person: dana.id, document: 'course-certificate' });
      expect(again.files[0]?.reason).toBe('This file is already attached to "Corrective Exercise Specialist" (1 Feb 2026) of Dana Rivera.');
      expect(again.files[1]).toMatchObject({ status: 'possible-duplicate', duplicateOf: id, person: dana.id });
      expect(again.files[1]?.reason).toBe(
        'Dana Rivera already has "Corrective Exercise Specialist" of 1 Feb 2026: it may be the same course certificate.',
      );
      expect(again.summary).toMatchObject({ applied: 0, alreadyAttached: 1, possibleDuplicates: 1 });
    } finally {
      context.dispose();
    }
  }, 60_000);

  it('files accepted proposals in one transaction: one that fails leaves nothing written and no file kept', () => {
    const { context, dana, cpt } = setUp();
    try {
      const before = rowCounts(context);
      const course = (title: string, credentialIds: string[]) => ({
        kind: 'course' as const,
        course: {
          personId: dana.id,
          title,
          provider: 'NASM',
          approval: 'nasm' as const,
          approvalCode: null,
          completed: '2026-01-01',
          ceus: 1,
          contactHours: null,
          petition: null,
          category: null,
          credentialIds,
        },
      });
      const released: string[] = [];
      const item = (text: string, credentialIds: string[]) => {
        const bytes = Buffer.from(`%PDF-1.4 ${text}`);
        return {
          fileName: `${text}.pdf`,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          mediaType: 'application/pdf' as const,
          size: bytes.length,
          bytes: () => bytes,
          planned: [course(text, credentialIds)],
        };
      };
      expect(() =>
        fileAccepted(
          [item('good', [cpt.id]), item('bad', ['no-such-credential'])],
          context.store,
          context.files,
          (change) => context.store.transaction(change),
          (hashes) => released.push(...hashes),
        ),
      ).toThrow();
      expect(rowCounts(context)).toEqual(before);
      expect(released).toHaveLength(2);
    } finally {
      context.dispose();
    }
  });
});
