import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AsOf } from '../domain/inputs';
import type { PacketExportStatus } from '../domain/views';
import { invalid, notFound, ServiceError } from '../errors';
import { newId } from '../ids';
import type { PacketPlan } from '../packet/plan';
import { PacketSourceError, planFromStore } from '../packet/sources';
import { fileNameSafe } from '../text';
import type { ServiceContext } from './context';

/** "Audit packet - Dana Rivera - NASM-CPT - 2026-11-21.pdf", safe as a file name everywhere. */
export function packetFileName(person: string, credential: string, date: string): string {
  return `Audit packet - ${fileNameSafe(person)} - ${fileNameSafe(credential)} - ${date}.pdf`;
}

export function packetService(ctx: ServiceContext) {
  const { store, files, ruleSets, packets, platform, exportsDir } = ctx;

  function packetStatus(jobId: string, field = 'jobId'): PacketExportStatus {
    const job = packets.status(jobId);
    if (!job) throw notFound(field, 'packet export', jobId);
    const done = job.state === 'done';
    return {
      jobId: job.jobId,
      state: job.state,
      done: job.progress.done,
      total: job.progress.total,
      message: job.progress.message,
      fileName: job.fileName,
      savedTo: done && platform.chooseSaveLocation ? job.destination : null,
      downloadPath: done && !platform.chooseSaveLocation ? `exports/${job.jobId}` : null,
      canShowInFolder: done && !!platform.showInFolder,
      error: job.error,
    };
  }

  return {
    startPacketExport: async ({ credentialId, asOf }: { credentialId: string } & AsOf): Promise<PacketExportStatus | null> => {
      const date = ctx.today();
      let plan: PacketPlan;
      try {
        plan = planFromStore(store, files, ruleSets, credentialId, asOf ?? date, date, ctx.standing.snapshot);
      } catch (error) {
        if (error instanceof PacketSourceError) throw new ServiceError('not-found', error.message, error.field);
        throw error;
      }
      const fileName = packetFileName(plan.person.name, plan.credential.shortName, date);
      let destination: string;
      if (platform.chooseSaveLocation) {
        const chosen = await platform.chooseSaveLocation(fileName);
        if (!chosen) return null;
        destination = chosen;
      } else {
        mkdirSync(exportsDir, { recursive: true });
        destination = join(exportsDir, `${newId('packet')}.pdf`);
      }
      return packetStatus(packets.start(plan, destination, fileName).jobId);
    },
    getPacketExport: ({ jobId }: { jobId: string }): PacketExportStatus => packetStatus(jobId),
    cancelPacketExport: ({ jobId }: { jobId: string }): PacketExportStatus => {
      packetStatus(jobId);
      packets.cancel(jobId);
      return packetStatus(jobId);
    },
    showPacketInFolder: ({ jobId }: { jobId: string }): { shown: true } => {
      const status = packetStatus(jobId);
      if (!platform.showInFolder) {
        throw new ServiceError(
          'invalid-input',
          'Show in folder is available in the desktop app; in the browser, open your downloads.',
          'jobId',
        );
      }
      if (!status.savedTo) throw invalid('jobId', 'the packet is not saved yet');
      platform.showInFolder(status.savedTo);
      return { shown: true };
    },
  };
}
