import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { automaticBackup, BACKUPS_FOLDER, listBackups } from '../backup/auto';
import { checkData, unusedCertificateFiles } from '../backup/check';
import { writeBackup } from '../backup/write';
import { ATTACHMENTS_FOLDER } from '../data-dir';
import { formatDate } from '../dates';
import type { BackupsView, DataCheckView } from '../domain/views';
import { bytes } from '../bytes';
import type { ServiceContext } from './context';

/** "23 Nov 2026, 09:14": when a backup was made, in the local time of this computer. */
function madeAt(date: Date): string {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `${formatDate(day)}, ${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

export function backupsService(ctx: ServiceContext) {
  const { store, dataDir } = ctx;
  const attachmentsDir = join(dataDir, ATTACHMENTS_FOLDER);

  function view(): BackupsView {
    const backups = listBackups(dataDir);
    const last = backups[0];
    return {
      folder: join(dataDir, BACKUPS_FOLDER),
      lastText: last
        ? `Last backup: ${madeAt(last.modified)}${last.name.startsWith('auto-') ? ' (automatic)' : ''}.`
        : 'No backup yet: Recert makes one every day it runs, or choose "Back up now".',
      backups: backups.map((b) => ({ name: b.name, sizeText: bytes(b.size), madeText: madeAt(b.modified) })),
    };
  }

  function check(): DataCheckView {
    const result = checkData({ store, dataDir });
    return { ok: result.ok, summary: result.summary, problems: result.problems, unusedFiles: result.unusedFiles };
  }

  return {
    getBackups: (): BackupsView => view(),
    /** A backup into the data folder's backups/, named after the moment it was made. */
    backUpNow: async (): Promise<BackupsView> => {
      const stamp = ctx.now().toISOString().replace(/[:.]/g, '-');
      mkdirSync(join(dataDir, BACKUPS_FOLDER), { recursive: true });
      await writeBackup({ db: store.db, attachmentsDir, out: join(dataDir, BACKUPS_FOLDER, `manual-${stamp}.zip`), now: ctx.now() });
      return view();
    },
    /** Today's automatic backup if there is none yet (the app calls this when it starts). */
    automaticBackup: () => automaticBackup({ db: store.db, dataDir, attachmentsDir, today: ctx.today() }),
    checkMyData: (): DataCheckView => check(),
    /** Removes the certificate files no record uses, as "Check my data" offered. */
    removeUnusedFiles: (): DataCheckView => {
      // Listing the unused files reads none of them; only the check afterwards hashes the store once.
      const used = new Set(store.attachments.listAll().map((a) => a.sha256));
      for (const path of unusedCertificateFiles(dataDir, used)) {
        const sha256 = path.split('/').pop() ?? '';
        if (store.attachments.referencesTo(sha256) === 0) ctx.files.remove(sha256);
      }
      return check();
    },
  };
}
