// Reading one file of an intake into what the proposal needs, never throwing for the file itself:
// a file that is not a certificate type is skipped, one that cannot be read (locked, empty, over
// 25 MB, damaged) is unreadable, each with its reason, and the intake goes on with the next.
import { statSync } from 'node:fs';
import { readHead } from '../attachments/read-file';
import { sha256Hex } from '../attachments/file-store';
import { sniffMediaType } from '../attachments/media-type';
import { readCertificateFile, UnreadableFile } from '../scan/bounds';
import type { OcrProgress } from '../scan/ocr';
import type { IntakeRead } from './propose';

export interface ReadOptions {
  /** A file already stored is not read again: its proposal is "already attached". */
  isStored?: (sha256: string) => boolean;
  onProgress?: (progress: OcrProgress) => void;
}

const NOT_A_CERTIFICATE_TYPE = 'It is not a PDF, JPEG, PNG or HEIC file.';

function reasonOf(error: unknown): string {
  if (error instanceof UnreadableFile) return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'The file cannot be opened (permission denied).';
  if (code === 'EBUSY') return 'The file is locked by another program: close it and add it again.';
  if (code === 'ENOENT') return 'The file does not exist any more.';
  return `The file cannot be read (${code ?? (error instanceof Error ? error.message.slice(0, 120) : String(error))}).`;
}

/** A certificate given as bytes (the app's upload, or a file read by readIntakePath). */
export async function readIntakeBytes(file: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<IntakeRead> {
  if (bytes.length === 0) return { kind: 'unreadable', file, sha256: null, reason: 'The file is empty.' };
  const mediaType = sniffMediaType(bytes.subarray(0, 1024));
  if (!mediaType) return { kind: 'skipped', file, sha256: null, reason: NOT_A_CERTIFICATE_TYPE };
  const sha256 = sha256Hex(bytes);
  if (options.isStored?.(sha256)) return { kind: 'stored', file, sha256 };
  try {
    // Reading code (pdf.js, Tesseract) loads with the first certificate, not with the app.
    const { readCertificate } = await import('../scan/scan');
    const { result, text } = await readCertificate(file, bytes, options.onProgress);
    return { kind: 'read', file, sha256, mediaType, size: bytes.length, result, text };
  } catch (error) {
    if (error instanceof UnreadableFile) return { kind: 'unreadable', file, sha256, reason: error.message };
    throw error;
  }
}

/** A file on disk: its first bytes say whether it is a certificate type before it is read whole. */
export async function readIntakePath(file: string, path: string, options: ReadOptions = {}): Promise<IntakeRead> {
  let bytes: Buffer;
  try {
    // A pipe or a device is never opened: opening a pipe waits for a writer.
    const stat = statSync(path);
    if (!stat.isFile()) {
      return {
        kind: 'unreadable',
        file,
        sha256: null,
        reason: 'It is not a regular file (a device, pipe or socket): save the certificate as a file.',
      };
    }
    const head = readHead(path, 1024);
    if (head.length === 0) return { kind: 'unreadable', file, sha256: null, reason: 'The file is empty.' };
    if (!sniffMediaType(head)) return { kind: 'skipped', file, sha256: null, reason: NOT_A_CERTIFICATE_TYPE };
    bytes = readCertificateFile(path);
  } catch (error) {
    return { kind: 'unreadable', file, sha256: null, reason: reasonOf(error) };
  }
  return readIntakeBytes(file, bytes, options);
}
