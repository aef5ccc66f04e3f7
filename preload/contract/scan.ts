import { z } from 'zod';
import { requiredText } from '../../main/core/domain/fields';
import type { ScanProgress, ScanView } from '../../main/core/domain/scan';
import { certificateContent } from './file-content';
import { method, returns } from './method';

export const scanContract = {
  /** Reads a certificate on this computer and proposes the form's fields; nothing is saved. */
  scanCertificate: method(
    z.strictObject({
      fileName: requiredText(255),
      contentBase64: certificateContent,
      form: z.enum(['course', 'card'], { error: 'must be "course" or "card"' }),
    }),
    returns<ScanView>(),
  ),
  /** While a photo is read: how far it has come, in words. */
  getScanProgress: method(z.strictObject({}), returns<ScanProgress>()),
} as const;
