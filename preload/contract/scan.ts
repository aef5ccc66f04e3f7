import { z } from 'zod';
import { requiredText } from '../../main/core/domain/fields';
import { MAX_ATTACHMENT_BYTES } from '../../main/core/domain/records';
import type { ScanProgress, ScanView } from '../../main/core/domain/scan';
import { method, returns } from './method';

export const scanContract = {
  /** Reads a certificate on this computer and proposes the form's fields; nothing is saved. */
  scanCertificate: method(
    z.strictObject({
      fileName: requiredText(255),
      contentBase64: z
        .string({ error: 'must be the file content, base64-encoded' })
        .min(1, 'is empty: choose a file that has content')
        .max(
          Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4,
          `is too large: certificate files may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
        )
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64-encoded'),
      form: z.enum(['course', 'card'], { error: 'must be "course" or "card"' }),
    }),
    returns<ScanView>(),
  ),
  /** While a photo is read: how far it has come, in words. */
  getScanProgress: method(z.strictObject({}), returns<ScanProgress>()),
} as const;
