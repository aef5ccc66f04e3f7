// The app's intake inbox through the contract: files read into it write no record, stay across a
// restart, can be reassigned and fixed, and are filed together with their certificates attached.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../main/app-context';
import type { InboxFiled, InboxItem, InboxView } from '../../../main/core/domain/intake';
import { stopOcr } from '../../../main/core/scan/ocr';
import { resourcesDir, rowCounts, tempDir } from '../../helpers/context';
import { certificate, variant } from '../../helpers/intake-files';
import { value } from '../../helpers/results';

const dir = tempDir('recert-inbox-');
const dataDir = join(dir, 'data');
const files: Record<string, string> = {};
beforeAll(async () => {
  files.dana = await certificate(dir, 'dana.pdf', 'A', variant(0));
  files.okafor = await certificate(dir, 'okafor.pdf', 'A', variant(3));
  files.card = await certificate(dir, 'card.pdf', 'G', variant(0, { completed: '2026-05-01' }));
}, 60_000);
afterAll(async () => {
  await stopOcr();
  rmSync(dir, { recursive: true, force: true });
});

const open = () => openAppContext({ dataDir, resourcesDir, today: () => '2026-12-01' });
const upload = (name: string) => ({ fileName: `${name}.pdf`, contentBase64: readFileSync(files[name] ?? '').toString('base64') });
const records = (context: AppContext) => {
  const { activities, cpr_aed_cards, attachments } = rowCounts(context);
  return { activities, cpr_aed_cards, attachments };
};

describe('the intake inbox', () => {
  it('keeps what was read across a restart, files nothing until asked, then files the chosen ones together', async () => {
    let context = open();
    const dana = await value<{ id: string }>(context.dispatch('createPerson', { name: 'Dana Rivera', email: null, employeeId: null }));
    const credential = await value<{ id: string }>(
      context.dispatch('createCredential', { personId: dana.id, ruleSet: 'nasm-cpt', number: null, expires: '2027-03-31' }),
    );
    const before = records(context);
    const first = await value<InboxItem>(context.dispatch('readIntoInbox', upload('dana')));
    expect(first).toMatchObject({
      status: 'proposed',
      sure: true,
      canFile: true,
      statusText: 'Ready to file',
      documentText: 'Course certificate',
      person: { id: dana.id, name: 'Dana Rivera' },
      matchText: 'Matched by name (95 % sure)',
      credentialIds: [credential.id],
      recordLines: ['Corrective Exercise Specialist, National Academy of Sports Medicine, 1 Feb 2026, 1.9 CEUs'],
    });
    const stranger = await value<InboxItem>(context.dispatch('readIntoInbox', upload('okafor')));
    expect(stranger).toMatchObject({ status: 'unmatched', statusText: 'Choose the person', canFile: false, person: null });
    expect(stranger.notes[0]).toMatch(/^No one named "Chris Okafor"/);
    // Read on Dana's own Courses: a card naming no one known would be hers; this one names her anyway.
    const card = await value<InboxItem>(context.dispatch('readIntoInbox', { ...upload('card'), personId: dana.id }));
    expect(card).toMatchObject({ documentText: 'CPR/AED card', person: { id: dana.id }, sure: true });
    const notAdded = await context.dispatch('readIntoInbox', {
      fileName: 'notes.txt',
      contentBase64: Buffer.from('hello').toString('base64'),
    });
    expect(notAdded).toMatchObject({
      ok: false,
      error: { field: 'contentBase64', message: 'contentBase64: notes.txt was not added: It is not a PDF, JPEG, PNG or HEIC file.' },
    });
    expect(records(context)).toEqual(before);
    context.close();

    context = open();
    const view = await value<InboxView>(context.dispatch('getInbox', {}));
    expect(view.items.map((i) => [i.fileName, i.statusText])).toEqual([
      ['dana.pdf', 'Ready to file'],
      ['okafor.pdf', 'Choose the person'],
      ['card.pdf', 'Ready to file'],
    ]);
    expect(view.summaryText).toBe('3 files in the inbox: 2 ready to file, 1 to check.');
    // Given to Dana and corrected: it can be filed, by the person's choice, not as a sure one.
    const reassigned = await value<InboxView>(
      context.dispatch('correctInboxItem', {
        id: stranger.id,
        correction: { personId: dana.id, title: 'Mobility for Older Adults (ACE)' },
      }),
    );
    const fixed = reassigned.items[1];
    expect(fixed).toMatchObject({ person: { id: dana.id }, matchText: 'Chosen by you', canFile: true, credentialIds: [credential.id] });
    expect(fixed?.recordLines[0]).toMatch(/^Mobility for Older Adults \(ACE\), /);

    const refused = await context.dispatch('fileInboxItems', { ids: [first.id, 'in-unknown'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found', field: 'ids[1]' } });
    expect(records(context)).toEqual(before);

    const filed = await value<InboxFiled>(context.dispatch('fileInboxItems', { ids: view.items.map((i) => i.id) }));
    expect(filed.text).toBe('Filed 3 files: 2 courses and 1 CPR/AED card, each with its certificate attached.');
    expect(filed.view.items).toEqual([]);
    expect(records(context)).toEqual({ activities: 2, cpr_aed_cards: 1, attachments: 3 });
    const courses = context.store.courses.listByPerson(dana.id);
    expect(courses.map((c) => c.title).sort()).toEqual(['Corrective Exercise Specialist', 'Mobility for Older Adults (ACE)']);
    expect(courses.every((c) => context.store.attachments.listByCourse(c.id).length === 1)).toBe(true);

    // The same file again is already attached, and is only dismissed.
    const again = await value<InboxItem>(context.dispatch('readIntoInbox', upload('dana')));
    expect(again).toMatchObject({ status: 'already-attached', canFile: false });
    const dismissed = await value<InboxView>(context.dispatch('dismissInboxItems', { ids: [again.id] }));
    expect(dismissed.items).toEqual([]);
    context.close();
  }, 60_000);
  it('a row whose waiting file is gone (a restored backup holds no inbox files) says so and is never filed', async () => {
    const folder = join(dir, 'gone');
    const context = openAppContext({ dataDir: folder, resourcesDir, today: () => '2026-12-01' });
    try {
      const dana = await value<{ id: string }>(context.dispatch('createPerson', { name: 'Dana Rivera', email: null, employeeId: null }));
      await value(context.dispatch('createCredential', { personId: dana.id, ruleSet: 'nasm-cpt', number: null, expires: '2027-03-31' }));
      const item = await value<InboxItem>(context.dispatch('readIntoInbox', upload('dana')));
      expect(item.canFile).toBe(true);
      rmSync(join(folder, 'inbox'), { recursive: true, force: true });
      const view = await value<InboxView>(context.dispatch('getInbox', {}));
      expect(view.items[0]).toMatchObject({ statusText: 'File missing', canFile: false, sure: false });
      expect(view.items[0]?.notes[0]).toMatch(/^dana\.pdf is no longer in the inbox's folder .*add it again, or dismiss it\.$/);
      const before = records(context);
      const refused = await context.dispatch('fileInboxItems', { ids: [item.id] });
      expect(refused).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/cannot be filed yet: dana\.pdf is no longer/) },
      });
      expect(records(context)).toEqual(before);
      const dismissed = await value<InboxView>(context.dispatch('dismissInboxItems', { ids: [item.id] }));
      expect(dismissed.items).toEqual([]);
    } finally {
      context.close();
    }
  }, 60_000);
});
