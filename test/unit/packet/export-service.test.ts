import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PacketExportStatus } from '../../../preload/contract';
import { openAppContext } from '../../../main/app-context';
import { importRecords } from '../../../main/core/records-file/import';
import { readRecordsFile } from '../../../main/core/records-file/parse';
import { freshContext, projectRoot, resourcesDir, tempDir } from '../../helpers/context';
import { writePacketFixture } from '../../helpers/packet-fixtures';
import { seed } from '../../helpers/seed';
import { value } from '../../helpers/results';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

describe('exporting a packet from the app (worker thread)', () => {
  it('writes the packet where the save dialog said, and can show it in the folder', async () => {
    const context = freshContext();
    cleanup.push(() => context.dispose());
    const { credentialId } = seed(context);
    const started = await value<PacketExportStatus>(context.dispatch('startPacketExport', { credentialId, asOf: '2026-11-21' }));
    expect(started).toMatchObject({
      state: 'running',
      fileName: expect.stringMatching(/^Audit packet - Dana Rivera - NASM-CPT - \d{4}-\d{2}-\d{2}\.pdf$/),
    });
    await context.packets.finished(started.jobId);
    const done = await value<PacketExportStatus>(context.dispatch('getPacketExport', { jobId: started.jobId }));
    expect(done).toMatchObject({ state: 'done', done: done.total, canShowInFolder: true, downloadPath: null, error: null });
    expect(done.savedTo).toContain(join(context.dataDir, 'saved'));
    expect(spawnSync('qpdf', ['--check', done.savedTo ?? '']).status).toBe(0);
    expect(execFileSync('pdftotext', [done.savedTo ?? '', '-'], { encoding: 'utf8' })).toContain('Dana Rivera');
    await value(context.dispatch('showPacketInFolder', { jobId: started.jobId }));
    expect(context.shownInFolder).toEqual([done.savedTo]);
  });

  it('a cancelled export leaves no file under the chosen name', async () => {
    const dir = tempDir('recert-export-');
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const fixture = await writePacketFixture(join(dir, 'in'));
    const dataDir = join(dir, 'data');
    const context = openAppContext({
      dataDir,
      resourcesDir,
      packetWorkerFile: join(projectRoot, 'out/main/packet-worker.js'),
      platform: { chooseSaveLocation: (name) => Promise.resolve(join(dir, name)) },
    });
    cleanup.push(() => context.close());
    importRecords(readRecordsFile(fixture.recordsFile, new Set(context.ruleSets.map((r) => r.id))), context.store, context.files);
    const started = await value<PacketExportStatus>(context.dispatch('startPacketExport', { credentialId: 'c1' }));
    const cancelled = await value<PacketExportStatus>(context.dispatch('cancelPacketExport', { jobId: started.jobId }));
    expect(['running', 'cancelled']).toContain(cancelled.state);
    const final = await context.packets.finished(started.jobId);
    expect(final?.state).toBe('cancelled');
    expect(readdirSync(dir).filter((f) => f.endsWith('.pdf') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('in browser mode, offers the finished packet as a download instead', async () => {
    const dataDir = tempDir('recert-browser-');
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const context = openAppContext({ dataDir, resourcesDir, packetWorkerFile: join(projectRoot, 'out/main/packet-worker.js') });
    cleanup.push(() => context.close());
    const { credentialId } = seed(context);
    const started = await value<PacketExportStatus>(context.dispatch('startPacketExport', { credentialId }));
    await context.packets.finished(started.jobId);
    const done = await value<PacketExportStatus>(context.dispatch('getPacketExport', { jobId: started.jobId }));
    expect(done).toMatchObject({ state: 'done', savedTo: null, canShowInFolder: false, downloadPath: `exports/${started.jobId}` });
    expect(existsSync(context.packets.status(started.jobId)?.destination ?? '')).toBe(true);
    expect(await context.dispatch('showPacketInFolder', { jobId: started.jobId })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('desktop app') },
    });
  });

  it('refuses an unknown credential with its field named', async () => {
    const context = freshContext();
    cleanup.push(() => context.dispose());
    expect(await context.dispatch('startPacketExport', { credentialId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', field: 'credentialId' },
    });
  });
});
