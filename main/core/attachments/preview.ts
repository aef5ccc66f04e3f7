import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredAttachment } from '../domain/records';
import { writeFileAtomic } from '../atomic-write';
import type { ContentStore } from './file-store';

export interface Preview {
  bytes: Buffer;
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
}

/**
 * What a screen can show for a certificate file: PDFs and JPEG/PNG as they are; HEIC/HEIF phone
 * photos (which browsers cannot display) converted to JPEG once and cached beside the store.
 */
export async function previewOf(attachment: StoredAttachment, files: ContentStore, cacheDir: string): Promise<Preview> {
  const original = files.read(attachment.sha256);
  if (attachment.mediaType !== 'image/heic' && attachment.mediaType !== 'image/heif') {
    return { bytes: original, mediaType: attachment.mediaType };
  }
  const cached = join(cacheDir, `${attachment.sha256}.jpg`);
  if (existsSync(cached)) return { bytes: readFileSync(cached), mediaType: 'image/jpeg' };
  const { default: convert } = await import('heic-convert');
  const jpeg = Buffer.from(await convert({ buffer: original, format: 'JPEG', quality: 0.85 }));
  mkdirSync(cacheDir, { recursive: true });
  writeFileAtomic(cached, jpeg);
  return { bytes: jpeg, mediaType: 'image/jpeg' };
}
