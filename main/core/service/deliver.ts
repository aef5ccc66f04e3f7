import { extname, join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import type { FileDelivery } from '../domain/views';
import { newId } from '../ids';
import type { ServiceContext } from './context';

/**
 * Hands a finished file to the user: the desktop app asks where to save it (null when they cancel);
 * browser mode keeps it in this process's exports folder and gives a download link.
 */
export async function deliverFile(
  ctx: ServiceContext,
  file: { fileName: string; mediaType: string; bytes: Uint8Array },
): Promise<FileDelivery | null> {
  if (ctx.platform.chooseSaveLocation) {
    const chosen = await ctx.platform.chooseSaveLocation(file.fileName);
    if (!chosen) return null;
    writeFileAtomic(chosen, file.bytes);
    return { fileName: file.fileName, savedTo: chosen, downloadPath: null };
  }
  const path = join(ctx.exportsDir, `${newId('file')}${extname(file.fileName)}`);
  writeFileAtomic(path, file.bytes);
  const id = ctx.downloads.add({ path, fileName: file.fileName, mediaType: file.mediaType });
  return { fileName: file.fileName, savedTo: null, downloadPath: `downloads/${id}` };
}

/** As deliverFile, for a file written by streaming (a records bundle) rather than held in memory. */
export async function deliverWrittenFile(
  ctx: ServiceContext,
  file: { fileName: string; mediaType: string; write: (path: string) => Promise<void> },
): Promise<FileDelivery | null> {
  if (ctx.platform.chooseSaveLocation) {
    const chosen = await ctx.platform.chooseSaveLocation(file.fileName);
    if (!chosen) return null;
    await file.write(chosen);
    return { fileName: file.fileName, savedTo: chosen, downloadPath: null };
  }
  const path = join(ctx.exportsDir, `${newId('file')}${extname(file.fileName)}`);
  await file.write(path);
  const id = ctx.downloads.add({ path, fileName: file.fileName, mediaType: file.mediaType });
  return { fileName: file.fileName, savedTo: null, downloadPath: `downloads/${id}` };
}
