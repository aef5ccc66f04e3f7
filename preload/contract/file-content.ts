import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES } from '../../main/core/domain/records';

/**
 * A file chosen in the app, sent whole as base64 (which grows by a third); `tooLarge` says what the
 * limit is in the person's words.
 */
export function fileContent(maxBytes: number, tooLarge: string) {
  return z
    .string({ error: 'must be the file content, base64-encoded' })
    .min(1, 'is empty: choose a file that has content')
    .max(Math.ceil((maxBytes * 4) / 3) + 4, tooLarge)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64-encoded');
}

/** A certificate file: at most 25 MB, as the app stores. */
export const certificateContent = fileContent(
  MAX_ATTACHMENT_BYTES,
  `is too large: certificate files may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
);
